using System.Security.Cryptography;
using System.Text;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Plugins.Sandbox.Seeding;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Sandbox.Live;

/// <summary>A test database holding a short seeded history and the live simulation over it.</summary>
internal static class LiveWorld
{
    public static readonly DateOnly Anchor = new(2026, 1, 1);

    /// <summary>Midnight UTC of <see cref="Anchor"/>: the first live instant.</summary>
    public static readonly DateTimeOffset AnchorInstant = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seeds <paramref name="historyDays"/> days ending at <see cref="Anchor"/> and returns the simulation over it.</summary>
    public static async Task<LiveSimulation> SeedAsync(TestDatabase database, int seed = 42, int historyDays = 7)
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        await new SandboxSeeder(database.CreateContext, store).SeedAsync(new SeedOptions { Seed = seed, Days = historyDays, AnchorDate = Anchor });
        return Over(database);
    }

    public static LiveSimulation Over(TestDatabase database) =>
        new(database.CreateContext, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System);

    /// <summary>A digest of the business rows the simulation writes (ids, money, statuses, stock).</summary>
    public static async Task<string> RowDigestAsync(TestDatabase database)
    {
        await using var context = database.CreateContext();
        var parts = new List<string>();
        parts.AddRange(await context.Orders.OrderBy(o => o.Id).Select(o => o.Id + ":" + o.Total + ":" + o.Status + ":" + o.Ip + ":" + o.PlacedAt).ToListAsync());
        parts.AddRange(await context.OrderLines.OrderBy(l => l.Id).Select(l => l.Id + ":" + l.OrderId + ":" + l.ProductId + ":" + l.Quantity).ToListAsync());
        parts.AddRange(await context.Payments.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Amount + ":" + p.Status).ToListAsync());
        parts.AddRange(await context.Refunds.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.Amount + ":" + r.Status).ToListAsync());
        parts.AddRange(await context.LedgerLines.OrderBy(l => l.Id).Select(l => l.JournalEntryId + ":" + l.AccountCode + ":" + l.Debit + ":" + l.Credit).ToListAsync());
        parts.AddRange(await context.Products.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Stock + ":" + p.Price).ToListAsync());
        parts.AddRange(await context.AdSetDailyMetrics.OrderBy(m => m.AdSetId).ThenBy(m => m.Date).Select(m => m.AdSetId + ":" + m.Date + ":" + m.Spend + ":" + m.Orders).ToListAsync());
        parts.AddRange(await context.SupportTickets.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.Status).ToListAsync());
        parts.AddRange(await context.Settlements.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.NetAmount + ":" + s.Status).ToListAsync());
        parts.AddRange(await context.LiveShows.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.Status + ":" + s.OrdersCount).ToListAsync());
        parts.AddRange(await context.PurchaseOrders.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Status).ToListAsync());
        var state = await context.SandboxStates.SingleAsync();
        parts.Add(state.SimulatedNow + ":" + state.StepIndex + ":" + state.HiddenState);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts))));
    }

    /// <summary>The event stream as id, type and chained hash, in sequence order.</summary>
    public static async Task<IReadOnlyList<string>> EventStreamAsync(TestDatabase database)
    {
        var events = await new EventStore(database.DataSource, TimeProvider.System).ReadAsync(0, 10_000_000);
        return events.Select(e => $"{e.Sequence}:{e.EventId}:{e.Type}:{e.Hash}").ToList();
    }
}
