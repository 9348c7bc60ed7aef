using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Sandbox.Simulation;
using Xunit.Abstractions;

namespace LiveShop.Plugins.Tests.Sandbox;

public sealed class SandboxSimulatorTests(ITestOutputHelper output)
{
    private static readonly DateOnly Anchor = new(2026, 11, 25);
    private static readonly Lazy<SandboxWorld> Ninety = new(() => SandboxSimulator.RunHistory(42, 90, Anchor));

    [Fact]
    public void Same_seed_and_anchor_give_identical_records_and_events()
    {
        var again = SandboxSimulator.RunHistory(42, 90, Anchor);

        Assert.Equal(Digest(Ninety.Value), Digest(again));
    }

    [Fact]
    public void Different_seed_gives_a_different_business()
    {
        var other = SandboxSimulator.RunHistory(43, 90, Anchor);

        Assert.NotEqual(Digest(Ninety.Value), Digest(other));
        Assert.NotEqual(Ninety.Value.Orders.Count, other.Orders.Count);
    }

    [Fact]
    public void Ninety_days_make_a_business_of_the_promised_size()
    {
        var world = Ninety.Value;
        output.WriteLine(Summary(world));

        Assert.True(world.Products.Count >= 20);
        Assert.True(world.Products.Select(p => p.Category).Distinct().Count() >= 4);
        Assert.True(world.AdSets.Count >= 10);
        Assert.True(world.Orders.Count >= 2000, $"{world.Orders.Count} orders");
        Assert.Equal(3, world.Orders.Select(o => o.Channel).Distinct().Count());
        Assert.Equal(3, world.Campaigns.Select(c => c.Platform).Distinct().Count());
        Assert.True(world.Creators.Count >= 10);
        Assert.NotEmpty(world.Disputes);
        Assert.Contains(world.PurchaseOrders, p => p.ReceivedAt is not null);
        Assert.Contains(world.Settlements, s => s.Status == "mismatch");
        Assert.Contains(world.LiveShows, s => s.Status == "ended" && s.OrdersCount > 0);
        Assert.Contains(world.Users, u => u.Email == "founder@liveshop.local" && u.Role == "founder");
        Assert.Equal(new[] { "approver", "developer", "founder", "support" }, world.Users.Select(u => u.Role).Order());
        var refundRate = (double)world.Refunds.Count / world.Orders.Count;
        Assert.InRange(refundRate, 0.01, 0.08);
    }

    [Fact]
    public void History_ends_before_the_anchor()
    {
        var end = new DateTimeOffset(Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var world = Ninety.Value;

        Assert.All(world.Events, e => Assert.True(e.OccurredAt < end, $"{e.Type} at {e.OccurredAt}"));
        Assert.All(world.Orders, o => Assert.True(o.PlacedAt < end && (o.DeliveredAt ?? o.PlacedAt) < end));
        Assert.Equal(Anchor, world.Today);
        Assert.Equal(Anchor.AddDays(-90), DateOnly.FromDateTime(world.Events.Min(e => e.OccurredAt).UtcDateTime));
    }

    [Fact]
    public void Every_journal_entry_balances()
    {
        var world = Ninety.Value;

        Assert.All(world.JournalEntries, j => Assert.Equal(j.Lines.Sum(l => l.Debit), j.Lines.Sum(l => l.Credit)));
        Assert.Contains(world.JournalEntries, j => j.SourceType == "daily_sales");
        Assert.Contains(world.JournalEntries, j => j.SourceType == "ad_spend");
        Assert.Contains(world.JournalEntries, j => j.SourceType == "refund");
        Assert.Contains(world.JournalEntries, j => j.SourceType == "supplier_payment");
        Assert.Contains(world.JournalEntries, j => j.SourceType == "creator_payout");
        Assert.Contains(world.JournalEntries, j => j.SourceType == "settlement");
    }

    [Fact]
    public void Order_totals_add_up_and_refunds_never_exceed_them()
    {
        var world = Ninety.Value;
        var orders = world.Orders.ToDictionary(o => o.Id);

        Assert.All(world.Orders, o =>
        {
            Assert.Equal(o.Subtotal, o.Lines.Sum(l => l.LineTotal));
            Assert.Equal(o.Total, o.Subtotal + o.ShippingFee);
            Assert.All(o.Lines, l => Assert.Equal(l.LineTotal, l.UnitPrice * l.Quantity));
        });
        Assert.All(world.Refunds.GroupBy(r => r.OrderId), g => Assert.True(g.Sum(r => r.Amount) <= orders[g.Key].Total));
        Assert.All(world.Refunds, r => Assert.NotEqual("cancelled", orders[r.OrderId].Status));
    }

    [Fact]
    public void Stock_never_goes_negative_and_sales_match_what_left_the_shelf()
    {
        var world = Ninety.Value;
        var sim = new SandboxSimulator(42, Anchor.AddDays(-90));
        var initial = sim.World.Products.ToDictionary(p => p.Id, p => p.Stock);

        for (var i = 0; i < 90; i++)
        {
            sim.AdvanceDay();
            Assert.All(sim.World.Products, p => Assert.True(p.Stock >= 0, $"{p.Id} stock {p.Stock}"));
        }
        foreach (var product in world.Products)
        {
            var sold = world.Orders.Where(o => o.Status != "cancelled").SelectMany(o => o.Lines).Where(l => l.ProductId == product.Id).Sum(l => l.Quantity);
            var received = world.PurchaseOrders.Where(p => p.ReceivedAt is not null).SelectMany(p => p.Lines).Where(l => l.ProductId == product.Id).Sum(l => l.Quantity);
            Assert.Equal(initial[product.Id] - sold + received, product.Stock);
        }
    }

    [Fact]
    public void Fraud_looking_bursts_and_country_mismatches_exist()
    {
        var world = Ninety.Value;

        Assert.Contains(world.Orders.GroupBy(o => o.DeviceId), g => g.Count() >= 4 && g.All(o => o.FirstOrder));
        Assert.Contains(world.Orders, o => o.BillingCountry != o.ShippingCountry);
        var byCountry = world.Orders.GroupBy(o => o.BillingCountry).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byCountry["AU"] > world.Orders.Count * 0.7);
        Assert.True(byCountry.ContainsKey("US") && byCountry.ContainsKey("NZ") && byCountry.ContainsKey("GB"));
    }

    [Fact]
    public void Events_are_serialisable_in_snake_case_and_in_time_order()
    {
        var world = Ninety.Value;
        var first = world.Events.First(e => e.Type == "OrderPlaced");

        var json = JsonSerializer.SerializeToElement(first.Data, JsonDefaults.Options);

        Assert.True(json.TryGetProperty("order_id", out _));
        Assert.True(json.TryGetProperty("billing_country", out _));
        Assert.Equal(world.Events.OrderBy(e => e.OccurredAt).Select(e => e.EventId), world.Events.Select(e => e.EventId));
        Assert.Equal(world.Events.Count, world.Events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void Every_event_matches_the_event_catalogue()
    {
        var events = Ninety.Value.Events
            .Select(e => new NewEvent(e.EventId, e.Type, e.OccurredAt, e.Source, JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options)))
            .ToList();

        var errors = EventValidator.Validate(events);

        Assert.Empty(errors);
        Assert.Equal(1, Ninety.Value.Events.Count(e => e.Type == "ViewerJoined") / Ninety.Value.LiveShows.Count(s => s.Status == "ended"));
    }

    private static string Digest(SandboxWorld world) => string.Join("|",
        string.Join(",", world.Orders.Select(o => $"{o.Id}:{o.Total}:{o.Status}")),
        string.Join(",", world.Events.Select(e => $"{e.EventId}:{e.Type}:{JsonSerializer.Serialize(e.Data, JsonDefaults.Options)}")),
        string.Join(",", world.JournalEntries.Select(j => j.Id)),
        string.Join(",", world.Users.Select(u => u.Id)));

    private static string Summary(SandboxWorld world) =>
        $"orders {world.Orders.Count}, lines {world.Orders.Sum(o => o.Lines.Count)}, customers {world.Customers.Count}, refunds {world.Refunds.Count}, " +
        $"disputes {world.Disputes.Count}, tickets {world.Tickets.Count}, shows {world.LiveShows.Count}, POs {world.PurchaseOrders.Count}, " +
        $"settlements {world.Settlements.Count}, journals {world.JournalEntries.Count}, events {world.Events.Count}, " +
        $"price changes {world.PriceChanges.Count}, budget changes {world.BudgetChanges.Count}, payouts {world.Payouts.Count}, " +
        $"paused {world.AdSets.Count(a => a.Status == "paused")}, revenue {world.Orders.Where(o => o.Status != "cancelled").Sum(o => o.Total)}, " +
        $"ad spend {world.AdMetrics.Sum(m => m.Spend)}, ad revenue {world.AdMetrics.Sum(m => m.Revenue)}\n" +
        string.Join("\n", world.Events.GroupBy(e => e.Type).OrderBy(g => g.Key).Select(g => $"  {g.Key}: {g.Count()}")) + "\n" +
        string.Join("\n", world.Products.Select(p => $"  {p.Id} {p.Title} stock {p.Stock} rp {p.ReorderPoint} sold {world.Orders.SelectMany(o => o.Lines).Where(l => l.ProductId == p.Id).Sum(l => l.Quantity)}"));
}
