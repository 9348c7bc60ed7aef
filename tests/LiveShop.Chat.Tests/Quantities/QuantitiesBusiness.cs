using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;
using Microsoft.Extensions.Time.Testing;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Chat.Tests.Quantities;

/// <summary>
/// A small business in which every way of counting a quantity that the code once had gives a different number: refunds
/// in every status, cancelled and failed orders, ad metrics just inside and outside each window, a chargeback, shipments
/// either side of the SLA and a burn that does not divide evenly. The expected figures are worked out in the comments.
/// </summary>
public sealed class QuantitiesBusiness : TestDatabase, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>The business clock every consumer reads; it never moves.</summary>
    public FakeTimeProvider Clock { get; } = new(Now);

    public SingleContextFactory Contexts => new(this);

    /// <summary>A support user, who may ask the inline assistant about orders.</summary>
    public const string SupportEmail = "support@liveshop.local";

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateContext();
        db.Products.AddRange(
            Product("p_a", price: 100m, unitCost: 30m, shipping: 5m, feesPct: 5m),
            Product("p_b", price: 50m, unitCost: 20m, shipping: 5m, feesPct: 10m));
        db.Customers.AddRange(Enumerable.Range(1, 9).Select(i => new Customer
        {
            Id = $"c_{i}", Email = $"c_{i}@example.com", Name = $"c_{i}", Country = "AU", CreatedAt = Now.AddDays(-100),
        }));

        // Sales in the trailing 30 days [now − 30 d, now): o_1, o_2, o_3, o_6, o_7, o_9 — six orders, 720 of revenue.
        // o_4 was cancelled and o_5's payment failed (not sales); o_8 is older than 30 days; o_10 is placed at now (excluded).
        db.Orders.AddRange(
            Order("o_1", "c_1", "shopify", 200m, Now.AddDays(-5), "partially_refunded", shippedAfterHours: 47),
            Order("o_2", "c_2", "shopify", 100m, Now.AddDays(-4), "delivered", shippedAfterHours: 49),
            Order("o_3", "c_3", "tiktok_shop", 100m, Now.AddDays(-3), "refunded", shippedAfterHours: 48),
            Order("o_4", "c_4", "tiktok_shop", 150m, Now.AddDays(-2), "cancelled"),
            Order("o_5", "c_5", "shopify", 80m, Now.AddDays(-6), "payment_failed"),
            Order("o_6", "c_6", "shopify", 120m, Now.AddDays(-10), "charged_back", shippedAfterHours: 10),
            Order("o_7", "c_7", "tiktok_shop", 100m, Now.AddDays(-1), "paid"),
            Order("o_8", "c_8", "shopify", 100m, Now.AddDays(-40), "delivered", shippedAfterHours: 20),
            Order("o_9", "c_9", "shopify", 100m, Now.AddDays(-30), "delivered", shippedAfterHours: 30),
            Order("o_10", "c_9", "shopify", 100m, Now, "paid"));

        // Refunded (counts unless rejected, failed or cancelled): o_1 = 50 + 20 + 10 = 80 of 200; o_3 = 100; o_4's refund is
        // on a cancelled order, not a sale; o_2, o_7 and o_8 have refunded nothing. Refunded orders among the sales: o_1, o_3.
        db.Refunds.AddRange(
            Refund("rf_1", "o_1", "c_1", 50m, "processed"),
            Refund("rf_2", "o_1", "c_1", 20m, "requested"),
            Refund("rf_3", "o_1", "c_1", 10m, "approved"),
            Refund("rf_4", "o_1", "c_1", 100m, "rejected"),
            Refund("rf_5", "o_1", "c_1", 30m, "failed"),
            Refund("rf_6", "o_1", "c_1", 40m, "cancelled"),
            Refund("rf_7", "o_2", "c_2", 100m, "cancelled"),
            Refund("rf_8", "o_3", "c_3", 100m, "processed"),
            Refund("rf_9", "o_4", "c_4", 150m, "processed"),
            Refund("rf_10", "o_7", "c_7", 100m, "rejected"),
            Refund("rf_11", "o_8", "c_8", 100m, "rejected"),
            Refund("rf_12", "o_8", "c_8", 100m, "failed"),
            Refund("rf_13", "o_8", "c_8", 100m, "cancelled"));

        // A chargeback on o_6: one of the six sales.
        db.Disputes.Add(new Dispute
        {
            Id = "dp_1", OrderId = "o_6", Amount = 120m, Reason = "fraudulent", Status = "open", OpenedAt = Now.AddDays(-1),
        });

        // ROAS over 7 days [today − 6, today]: as_1 (300 + 100) / (100 + 100) = 2.
        // ROAS over 30 days [today − 29, today]: spend 100 + 100 + 100 + 50 + 30 = 380, revenue 300 + 100 + 1000 + 50 + 100 = 1550.
        // The day 30 days back (spend 500) is outside both.
        db.AdCampaigns.AddRange(
            new AdCampaign { Id = "cmp_1", Platform = "meta_ads", Name = "Always on", Objective = "sales", Status = "active", StartedAt = Now.AddDays(-60) },
            new AdCampaign { Id = "cmp_2", Platform = "tiktok_ads", Name = "Spark", Objective = "sales", Status = "active", StartedAt = Now.AddDays(-60) });
        db.AdSets.AddRange(
            new AdSet { Id = "as_1", CampaignId = "cmp_1", ProductId = "p_a", Name = "as_1", DailyBudget = 100m, Status = "active", CreatedAt = Now.AddDays(-60) },
            new AdSet { Id = "as_2", CampaignId = "cmp_2", ProductId = "p_b", Name = "as_2", DailyBudget = 30m, Status = "active", CreatedAt = Now.AddDays(-60) });
        db.AdSetDailyMetrics.AddRange(
            Metric("as_1", Today, 100m, 300m),
            Metric("as_1", Today.AddDays(-6), 100m, 100m),
            Metric("as_1", Today.AddDays(-7), 100m, 1000m),
            Metric("as_1", Today.AddDays(-29), 50m, 50m),
            Metric("as_1", Today.AddDays(-30), 500m, 0m),
            Metric("as_2", Today.AddDays(-1), 30m, 100m));

        // Cash 100 000 − 1 000 = 99 000; burn 1 000 / 30 = 33.33… a day; runway 99 000 / (1 000 / 30) = 2 970 days exactly.
        db.LedgerAccounts.AddRange(
            new LedgerAccount { Code = "1000", Name = "Cash at bank", Type = "asset" },
            new LedgerAccount { Code = "3000", Name = "Owner's equity", Type = "equity" },
            new LedgerAccount { Code = "6100", Name = "Advertising", Type = "expense" },
            new LedgerAccount { Code = "4000", Name = "Sales revenue", Type = "revenue" });
        db.JournalEntries.AddRange(
            Journal(1, Now.AddDays(-40), "opening", ("1000", 100_000m, 0m), ("3000", 0m, 100_000m)),
            Journal(2, Now.AddDays(-20), "ads", ("6100", 1_000m, 0m), ("1000", 0m, 1_000m)),
            Journal(3, Now.AddDays(1), "sales", ("1000", 5_000m, 0m), ("4000", 0m, 5_000m)));
        db.Users.Add(new User { Id = Guid.NewGuid(), Email = SupportEmail, DisplayName = "Support", Role = "support", CreatedAt = Now.AddDays(-100) });
        await db.SaveChangesAsync();
    }

    private static Product Product(string id, decimal price, decimal unitCost, decimal shipping, decimal feesPct) => new()
    {
        Id = id, Sku = "SKU-" + id, Title = id, Category = "beauty", Price = price, UnitCost = unitCost, ShippingCost = shipping,
        PlatformFeePct = feesPct, Stock = 100, Status = "active", CreatedAt = Now.AddDays(-90),
    };

    private static Order Order(string id, string customer, string channel, decimal total, DateTimeOffset placedAt, string status, int? shippedAfterHours = null) => new()
    {
        Id = id, CustomerId = customer, Channel = channel, PlacedAt = placedAt, Status = status, Subtotal = total, Total = total,
        Currency = "AUD", Ip = "10.0.0." + id[2..], DeviceId = "d_" + id, BillingCountry = "AU", ShippingCountry = "AU",
        FulfilledAt = shippedAfterHours is { } hours ? placedAt.AddHours(hours) : null,
        Lines = [new OrderLine { OrderId = id, ProductId = "p_a", Quantity = 1, UnitPrice = total, LineTotal = total }],
    };

    private static Refund Refund(string id, string order, string customer, decimal amount, string status) => new()
    {
        Id = id, OrderId = order, CustomerId = customer, Amount = amount, Reason = "damaged", Status = status,
        RequestedAt = Now.AddDays(-1), ProcessedAt = status == "processed" ? Now.AddHours(-12) : null,
    };

    private static AdSetDailyMetric Metric(string adSet, DateOnly date, decimal spend, decimal revenue) => new()
    {
        AdSetId = adSet, Date = date, Spend = spend, Revenue = revenue, Impressions = 1000, Clicks = 10, Orders = 1,
    };

    private static JournalEntry Journal(int id, DateTimeOffset at, string source, params (string Account, decimal Debit, decimal Credit)[] lines) => new()
    {
        Id = Guid.NewGuid(), OccurredAt = at, Description = source, SourceType = source, SourceId = $"{source}_{id}",
        Lines = lines.Select(l => new LedgerLine { AccountCode = l.Account, Debit = l.Debit, Credit = l.Credit }).ToList(),
    };
}
