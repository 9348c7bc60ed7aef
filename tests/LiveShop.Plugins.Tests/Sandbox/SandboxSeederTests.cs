using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Seeding;
using LiveShop.Plugins.Sandbox.Simulation;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace LiveShop.Plugins.Tests.Sandbox;

public sealed class SandboxSeederTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly DateOnly Anchor = new(2026, 11, 25);

    [Fact]
    public async Task Seeding_an_empty_database_writes_the_whole_ninety_day_business_and_an_intact_event_chain()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        var seeder = new SandboxSeeder(database.CreateContext, store);
        Assert.True(await seeder.IsEmptyAsync());

        var report = await seeder.SeedAsync(new SeedOptions { Seed = 42, Days = 90, AnchorDate = Anchor });
        output.WriteLine($"simulation {report.SimulationTime.TotalSeconds:F2} s, write {report.WriteTime.TotalSeconds:F2} s, " +
                         $"{report.TotalRows} rows, {report.EventsWritten} events");
        output.WriteLine(string.Join(", ", report.RowsPerTable.Select(kv => $"{kv.Key} {kv.Value}")));

        Assert.False(await seeder.IsEmptyAsync());
        var expected = SandboxSimulator.RunHistory(42, 90, Anchor);
        await using var context = database.CreateContext();
        Assert.Equal(expected.Products.Count, await context.Products.CountAsync());
        Assert.Equal(expected.Orders.Count, await context.Orders.CountAsync());
        Assert.Equal(expected.Orders.Sum(o => o.Lines.Count), await context.OrderLines.CountAsync());
        Assert.Equal(expected.JournalEntries.Sum(j => j.Lines.Count), await context.LedgerLines.CountAsync());
        Assert.Equal(report.RowsPerTable["orders"], await context.Orders.CountAsync());
        Assert.Equal(report.RowsPerTable["ad_set_daily_metrics"], await context.AdSetDailyMetrics.CountAsync());
        Assert.Equal(report.RowsPerTable["creator_commissions"], await context.CreatorCommissions.CountAsync());
        Assert.Equal(4, await context.Users.CountAsync());
        Assert.True(await context.Users.AnyAsync(u => u.Email == "founder@liveshop.local" && u.Role == "founder"));
        Assert.True(report.RowsPerTable["orders"] >= 2000);

        // Ledger balances in the database, not only in memory.
        var debits = await context.LedgerLines.SumAsync(l => l.Debit);
        var credits = await context.LedgerLines.SumAsync(l => l.Credit);
        Assert.Equal(debits, credits);

        Assert.Equal(expected.Events.Count, report.EventsWritten);
        Assert.Equal(expected.Events.Count, await store.CountAsync());
        var chain = await store.VerifyChainAsync();
        Assert.True(chain.Intact, chain.Problem);
        Assert.Equal(expected.Events.Count, chain.EventsChecked);
    }

    [Fact]
    public async Task Rows_added_after_the_seed_get_fresh_numeric_ids()
    {
        await using var other = new SeparateDatabase();
        await other.InitializeAsync();
        var seeder = new SandboxSeeder(other.CreateContext, new EventStore(other.DataSource, TimeProvider.System));
        await seeder.SeedAsync(new SeedOptions { Seed = 7, Days = 10, AnchorDate = Anchor });

        await using var context = other.CreateContext();
        var highest = await context.PriceChanges.MaxAsync(p => (long?)p.Id) ?? 0;
        context.PriceChanges.Add(new() { ProductId = "p_1", FromPrice = 29m, ToPrice = 31m, ChangedAt = DateTimeOffset.UnixEpoch, ChangedBy = "test" });
        await context.SaveChangesAsync();

        Assert.True(await context.PriceChanges.MaxAsync(p => p.Id) > highest);
    }
}

/// <summary>A second fresh database inside one test, disposed with it.</summary>
internal sealed class SeparateDatabase : TestDatabase, IAsyncDisposable
{
    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
