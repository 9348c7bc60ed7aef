using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Sandbox.Live;

/// <summary>A database with 14 days of seeded history and 10 live days after it, built once for the class.</summary>
public sealed class AdvancedBusiness : TestDatabase, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await base.InitializeAsync();
        var simulation = await LiveWorld.SeedAsync(this, seed: 11, historyDays: 14);
        await simulation.AdvanceAsync(10);
    }
}

public sealed class LiveSimulationConservationTests(AdvancedBusiness database) : IClassFixture<AdvancedBusiness>
{
    [Fact]
    public async Task Every_journal_balances_and_the_ledger_sums_to_zero()
    {
        await using var context = database.CreateContext();
        Assert.Equal(await context.LedgerLines.SumAsync(l => l.Debit), await context.LedgerLines.SumAsync(l => l.Credit));
        var unbalanced = await context.LedgerLines.GroupBy(l => l.JournalEntryId)
            .Where(g => g.Sum(l => l.Debit) != g.Sum(l => l.Credit)).CountAsync();
        Assert.Equal(0, unbalanced);
        Assert.True(await context.JournalEntries.CountAsync(j => j.OccurredAt >= LiveWorld.AnchorInstant) > 10);
    }

    [Fact]
    public async Task Stock_never_goes_negative_while_live_days_keep_selling()
    {
        await using var context = database.CreateContext();
        Assert.False(await context.Products.AnyAsync(p => p.Stock < 0));
        Assert.True(await context.OrderLines.Join(context.Orders, l => l.OrderId, o => o.Id, (l, o) => o.PlacedAt)
            .CountAsync(at => at >= LiveWorld.AnchorInstant) > 50);
    }

    [Fact]
    public async Task Refunds_never_exceed_the_captured_payment_of_their_order()
    {
        await using var context = database.CreateContext();
        var captured = await context.Payments.Where(p => p.Status == "captured").GroupBy(p => p.OrderId)
            .Select(g => new { OrderId = g.Key, Amount = g.Sum(p => p.Amount) }).ToDictionaryAsync(x => x.OrderId, x => x.Amount);
        var refunded = await context.Refunds.GroupBy(r => r.OrderId).Select(g => new { OrderId = g.Key, Amount = g.Sum(r => r.Amount) }).ToListAsync();
        Assert.NotEmpty(refunded);
        Assert.All(refunded, r => Assert.True(r.Amount <= captured.GetValueOrDefault(r.OrderId), $"{r.OrderId} refunded {r.Amount}"));
    }

    [Fact]
    public async Task Settlements_reconcile_except_injected_mismatches_which_are_flagged()
    {
        await using var context = database.CreateContext();
        var settlements = await context.Settlements.ToListAsync();
        var events = await new EventStore(database.DataSource, TimeProvider.System).ReadAsync(0, 1_000_000);
        var flagged = events.Where(e => e.Type == "ReconciliationMismatch")
            .Select(e => e.Data.GetProperty("settlement_id").GetString()).ToHashSet();
        Assert.Contains(settlements, s => s.ReceivedAt >= LiveWorld.AnchorInstant);
        Assert.Contains(settlements, s => s.Status == "mismatch");
        Assert.All(settlements, s =>
        {
            Assert.Equal(s.GrossAmount - s.Fees - s.RefundsAmount, s.ExpectedNetAmount);
            if (s.Status == "matched") Assert.Equal(s.ExpectedNetAmount, s.NetAmount);
            else Assert.Contains(s.Id, flagged);
        });
        Assert.All(flagged, id => Assert.Contains(settlements, s => s.Id == id && s.Status == "mismatch"));
    }

    [Fact]
    public async Task The_event_chain_stays_intact_and_live_days_follow_the_history()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        var chain = await store.VerifyChainAsync();
        Assert.True(chain.Intact, chain.Problem);
        var events = await store.ReadAsync(0, 1_000_000);
        var live = events.Where(e => e.OccurredAt >= LiveWorld.AnchorInstant).ToList();
        Assert.Contains(live, e => e.Type == "OrderPlaced");
        Assert.Contains(live, e => e.Type == "LedgerEntryCreated");
        Assert.All(live, e => Assert.True(e.OccurredAt < LiveWorld.AnchorInstant.AddDays(10), $"{e.Type} at {e.OccurredAt}"));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(live.Where(e => e.Type == "OrderPlaced"), e => Assert.Equal(JsonValueKind.Array, e.Data.GetProperty("lines").ValueKind));
    }
}
