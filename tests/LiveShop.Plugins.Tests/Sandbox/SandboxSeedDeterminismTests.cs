using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Sandbox;

public sealed class SandboxSeedDeterminismTests
{
    private static readonly DateOnly Anchor = new(2026, 11, 25);

    [Fact]
    public async Task Same_seed_and_anchor_write_identical_rows_and_event_hashes_into_two_databases()
    {
        await using var first = new SeparateDatabase();
        await using var second = new SeparateDatabase();
        await using var third = new SeparateDatabase();
        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync(), third.InitializeAsync());

        var a = await SeedAndDigestAsync(first, seed: 42);
        var b = await SeedAndDigestAsync(second, seed: 42);
        var c = await SeedAndDigestAsync(third, seed: 43);

        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(a.Events, b.Events);
        Assert.NotEqual(a.Rows, c.Rows);
        Assert.NotEqual(a.Events, c.Events);
    }

    private static async Task<(string Rows, string Events)> SeedAndDigestAsync(SeparateDatabase database, int seed)
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        await new SandboxSeeder(database.CreateContext, store).SeedAsync(new SeedOptions { Seed = seed, Days = 30, AnchorDate = Anchor });

        await using var context = database.CreateContext();
        var orders = await context.Orders.OrderBy(o => o.Id).Select(o => o.Id + ":" + o.Total + ":" + o.Status + ":" + o.Ip).ToListAsync();
        var lines = await context.LedgerLines.OrderBy(l => l.Id).Select(l => l.JournalEntryId + ":" + l.AccountCode + ":" + l.Debit + ":" + l.Credit).ToListAsync();
        var stock = await context.Products.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Stock + ":" + p.Price).ToListAsync();
        var users = await context.Users.OrderBy(u => u.Email).Select(u => u.Id.ToString()).ToListAsync();
        var events = await store.ReadAsync(0, 1_000_000);
        return (string.Join("|", orders.Concat(lines).Concat(stock).Concat(users)),
                string.Join("|", events.Select(e => $"{e.Sequence}:{e.EventId}:{e.Hash}")));
    }
}
