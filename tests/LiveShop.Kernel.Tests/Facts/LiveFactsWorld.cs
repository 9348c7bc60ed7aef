using System.Text.Json;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Facts;

/// <summary>
/// A small business written into a fresh database and, row for row, into the equivalent <see cref="StateSnapshot"/>,
/// with rows just inside and just outside every window the rules look back over.
/// </summary>
public sealed class LiveFactsWorld : TestDatabase, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    public const int EventsAppended = 3;

    private readonly List<ProductFact> _products =
    [
        // Margin at roas 4: 100 × (100 − 30 − 5 − 5 − 25) / 100 = 35 %.
        new() { Id = "p_1", Title = "Glow serum", Price = 100m, UnitCost = 30m, ShippingCost = 5m, FeesPct = 5m, Stock = 120 },
        new() { Id = "p_2", Title = "Night cream", Price = 100m, UnitCost = 30m, ShippingCost = 5m, FeesPct = 5m, Stock = 40 },
        // Margin at roas 4: 100 × (100 − 60 − 5 − 5 − 25) / 100 = 5 %: below the floor.
        new() { Id = "p_thin", Title = "Thin-margin kit", Price = 100m, UnitCost = 60m, ShippingCost = 5m, FeesPct = 5m, Stock = 10 },
    ];

    private readonly List<AdSetFact> _adSets =
    [
        new() { Id = "as_1", ProductId = "p_1", DailyBudget = 500m, Roas7d = 4m, Status = "active" },
        new() { Id = "as_2", ProductId = "p_1", DailyBudget = 500m, Roas7d = 4m, Status = "active" },
        // Paused: its budget does not count towards the daily cap.
        new() { Id = "as_3", ProductId = "p_2", DailyBudget = 3000m, Roas7d = 4m, Status = "paused" },
        new() { Id = "as_4", ProductId = "p_2", DailyBudget = 2900m, Roas7d = 4m, Status = "active" },
        new() { Id = "as_weak", ProductId = "p_2", DailyBudget = 50m, Roas7d = 0.5m, Status = "active" },
        new() { Id = "as_thin", ProductId = "p_thin", DailyBudget = 50m, Roas7d = 4m, Status = "active" },
    ];

    private readonly List<OrderFact> _orders = [];
    private readonly List<RefundFact> _refunds = [];

    private readonly List<BudgetChangeFact> _budgetChanges =
    [
        // Outside the 7-day window: as_1's budget in force 7 days ago is its current 500.
        new() { AdSetId = "as_1", From = 200m, To = 500m, At = Now.AddDays(-8) },
        // Inside: as_2's budget in force 7 days ago was 400.
        new() { AdSetId = "as_2", From = 400m, To = 500m, At = Now.AddDays(-6) },
    ];

    private readonly List<PriceChangeFact> _priceChanges =
    [
        new() { ProductId = "p_1", From = 70m, To = 80m, At = Now.AddDays(-8) },
        new() { ProductId = "p_1", From = 80m, To = 100m, At = Now.AddDays(-6) },
        // Outside the window: p_2's price in force 7 days ago is its current 100.
        new() { ProductId = "p_2", From = 50m, To = 100m, At = Now.AddDays(-8) },
    ];

    /// <summary>Cash 100 000 − 10 000 (31 days ago) − 45 000 + 15 000 (within 30 days) = 60 000; burn 30 000 / 30 = 1 000 a day.</summary>
    private readonly FinanceFacts _finance = new() { CashBalance = 60_000m, AvgDailyNetBurn = 1_000m };

    /// <summary>The same business as a snapshot, as of <see cref="Now"/>.</summary>
    public StateSnapshot Snapshot => new()
    {
        AsOf = Now,
        Finance = _finance,
        Products = _products,
        AdSets = _adSets,
        Orders = _orders,
        Refunds = _refunds,
        BudgetChanges = _budgetChanges,
        PriceChanges = _priceChanges,
    };

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DefineOrdersAndRefunds();
        await using (var db = CreateContext())
        {
            db.Products.AddRange(_products.Select(p => new Product
            {
                Id = p.Id, Sku = "SKU-" + p.Id, Title = p.Title!, Category = "beauty", Price = p.Price, UnitCost = p.UnitCost,
                ShippingCost = p.ShippingCost, PlatformFeePct = p.FeesPct, Stock = p.Stock, Status = "active", CreatedAt = Now.AddDays(-90),
            }));
            db.AdCampaigns.Add(new AdCampaign { Id = "cmp_1", Platform = "meta_ads", Name = "Always on", Objective = "sales", Status = "active", StartedAt = Now.AddDays(-60) });
            db.AdSets.AddRange(_adSets.Select(a => new AdSet
            {
                Id = a.Id, CampaignId = "cmp_1", ProductId = a.ProductId!, Name = a.Id, DailyBudget = a.DailyBudget, Status = a.Status, CreatedAt = Now.AddDays(-60),
            }));
            db.AdSetDailyMetrics.AddRange(_adSets.SelectMany(MetricsFor));
            db.AdSetBudgetChanges.AddRange(_budgetChanges.Select(c => new AdSetBudgetChange
            {
                AdSetId = c.AdSetId, FromBudget = c.From, ToBudget = c.To, ChangedAt = c.At, ChangedBy = "founder@liveshop.local",
            }));
            db.PriceChanges.AddRange(_priceChanges.Select(c => new PriceChange
            {
                ProductId = c.ProductId, FromPrice = c.From, ToPrice = c.To, ChangedAt = c.At, ChangedBy = "founder@liveshop.local",
            }));
            db.Customers.AddRange(_orders.Select(o => o.CustomerId!).Distinct().Select(id => new Customer
            {
                Id = id, Email = id + "@example.com", Name = id, Country = "AU", CreatedAt = Now.AddDays(-100),
            }));
            db.Orders.AddRange(_orders.Select(o => new Order
            {
                Id = o.Id, CustomerId = o.CustomerId!, Channel = "shopify", PlacedAt = o.PlacedAt, Status = "paid", Subtotal = o.Total,
                Total = o.Total, Currency = "AUD", Ip = o.Ip!, DeviceId = o.DeviceId!, BillingCountry = o.BillingCountry!,
                ShippingCountry = o.ShippingCountry!, FirstOrder = o.FirstOrder,
            }));
            db.Refunds.AddRange(RefundRows());
            db.LedgerAccounts.AddRange(
                new LedgerAccount { Code = "1000", Name = "Cash at bank", Type = "asset" },
                new LedgerAccount { Code = "1200", Name = "Inventory", Type = "asset" },
                new LedgerAccount { Code = "3000", Name = "Owner's equity", Type = "equity" },
                new LedgerAccount { Code = "6100", Name = "Advertising", Type = "expense" },
                new LedgerAccount { Code = "4000", Name = "Sales revenue", Type = "revenue" });
            db.JournalEntries.AddRange(
                Journal(Now.AddDays(-40), "opening", ("1000", 100_000m, 0m), ("1200", 20_000m, 0m), ("3000", 0m, 120_000m)),
                Journal(Now.AddDays(-31), "supplier", ("1200", 10_000m, 0m), ("1000", 0m, 10_000m)),
                Journal(Now.AddDays(-20), "ads", ("6100", 45_000m, 0m), ("1000", 0m, 45_000m)),
                Journal(Now.AddDays(-3), "sales", ("1000", 15_000m, 0m), ("4000", 0m, 15_000m)),
                // After "now": not yet part of the facts.
                Journal(Now.AddDays(1), "sales", ("1000", 99_000m, 0m), ("4000", 0m, 99_000m)));
            await db.SaveChangesAsync();
        }
        var store = new EventStore(DataSource, TimeProvider.System);
        for (var i = 0; i < EventsAppended; i++)
            await store.AppendAsync(new NewEvent(Guid.NewGuid(), "StockLow", Now.AddMinutes(-i), "sandbox",
                JsonSerializer.SerializeToElement(new { product_id = "p_1", stock = 5, reorder_point = 10 })));
    }

    private void DefineOrdersAndRefunds()
    {
        // Refunds: c_r's order o_r1 (200) was refunded 50 25 h ago (outside the 24 h window), o_r2 (100) 30 23 h ago.
        AddOrder("o_r1", "c_r", 200m, Now.AddDays(-3), "10.0.0.1", "d_r");
        AddOrder("o_r2", "c_r", 100m, Now.AddDays(-2), "10.0.0.1", "d_r");
        _refunds.Add(new RefundFact { OrderId = "o_r1", CustomerId = "c_r", Amount = 50m, At = Now.AddHours(-25) });
        _refunds.Add(new RefundFact { OrderId = "o_r2", CustomerId = "c_r", Amount = 30m, At = Now.AddHours(-23) });
        SetRefunded("o_r1", 50m);
        SetRefunded("o_r2", 30m);

        // Velocity: ip 10.1.1.1 placed o_f1 plus three more orders 59, 30 and 10 minutes ago: four in the hour.
        AddOrder("o_f1", "c_f", 50m, Now.AddMinutes(-5), "10.1.1.1", "d_f1");
        AddOrder("o_f2", "c_f2", 50m, Now.AddMinutes(-59), "10.1.1.1", "d_f2");
        AddOrder("o_f3", "c_f3", 50m, Now.AddMinutes(-30), "10.1.1.1", "d_f3");
        AddOrder("o_f4", "c_f4", 50m, Now.AddMinutes(-10), "10.1.1.1", "d_f4");
        // ip 10.2.2.2: three in the hour, a fourth 61 minutes ago does not count; device d_g1 twice.
        AddOrder("o_g1", "c_g", 50m, Now.AddMinutes(-5), "10.2.2.2", "d_g1");
        AddOrder("o_g2", "c_g2", 50m, Now.AddMinutes(-61), "10.2.2.2", "d_g2");
        AddOrder("o_g3", "c_g3", 50m, Now.AddMinutes(-30), "10.2.2.2", "d_g3");
        AddOrder("o_g4", "c_g4", 50m, Now.AddMinutes(-10), "10.2.2.2", "d_g1");
        // Device d_h: four orders in the hour from different ips.
        AddOrder("o_h1", "c_h", 50m, Now.AddMinutes(-1), "10.3.0.1", "d_h");
        AddOrder("o_h2", "c_h2", 50m, Now.AddMinutes(-20), "10.3.0.2", "d_h");
        AddOrder("o_h3", "c_h3", 50m, Now.AddMinutes(-40), "10.3.0.3", "d_h");
        AddOrder("o_h4", "c_h4", 50m, Now.AddMinutes(-60), "10.3.0.4", "d_h");
        AddOrder("o_big", "c_big", 350m, Now.AddHours(-3), "10.4.0.1", "d_big", firstOrder: true);
        AddOrder("o_abroad", "c_abroad", 80m, Now.AddHours(-3), "10.5.0.1", "d_abroad", shippingCountry: "NZ");
    }

    private void AddOrder(string id, string customer, decimal total, DateTimeOffset at, string ip, string device, bool firstOrder = false, string shippingCountry = "AU") =>
        _orders.Add(new OrderFact
        {
            Id = id, CustomerId = customer, Total = total, PlacedAt = at, Ip = ip, DeviceId = device,
            BillingCountry = "AU", ShippingCountry = shippingCountry, FirstOrder = firstOrder, RefundedAmount = 0m,
        });

    private void SetRefunded(string orderId, decimal amount)
    {
        var index = _orders.FindIndex(o => o.Id == orderId);
        _orders[index] = _orders[index] with { RefundedAmount = amount };
    }

    private IEnumerable<Refund> RefundRows()
    {
        var n = 0;
        foreach (var r in _refunds)
            yield return new Refund
            {
                Id = $"rf_{++n}", OrderId = r.OrderId!, CustomerId = r.CustomerId!, Amount = r.Amount, Reason = "damaged",
                Status = n == 1 ? "processed" : "approved", RequestedAt = r.At,
            };
        // A rejected refund never left the shop: neither the order's refunded amount nor the 24 h sum counts it.
        yield return new Refund
        {
            Id = "rf_rejected", OrderId = "o_r1", CustomerId = "c_r", Amount = 90m, Reason = "changed mind", Status = "rejected", RequestedAt = Now.AddHours(-1),
        };
    }

    // Seven days inside the ROAS window (today and the six before) at the ad set's ROAS, and a day just outside it
    // with spend and no revenue, which would drag the ROAS down if it were counted.
    private static IEnumerable<AdSetDailyMetric> MetricsFor(AdSetFact adSet)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        for (var day = 0; day < 7; day++)
            yield return new AdSetDailyMetric { AdSetId = adSet.Id, Date = today.AddDays(-day), Spend = 100m, Revenue = 100m * adSet.Roas7d, Impressions = 1000, Clicks = 10, Orders = 1 };
        yield return new AdSetDailyMetric { AdSetId = adSet.Id, Date = today.AddDays(-7), Spend = 1000m, Revenue = 0m, Impressions = 1000, Clicks = 10 };
    }

    private static JournalEntry Journal(DateTimeOffset at, string source, params (string Account, decimal Debit, decimal Credit)[] lines) => new()
    {
        Id = Guid.NewGuid(), OccurredAt = at, Description = source, SourceType = source, SourceId = source,
        Lines = lines.Select(l => new LedgerLine { AccountCode = l.Account, Debit = l.Debit, Credit = l.Credit }).ToList(),
    };
}
