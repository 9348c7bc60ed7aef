using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Data.Entities.Supply;
using LiveShop.Memory.Data.Entities.Support;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Automation.Reactions;

/// <summary>A small business each reaction has something to react to, and something it must leave alone.</summary>
public sealed class ReactionBusiness : TestDatabase, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = GatewayHarness.Start;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateContext();
        db.Suppliers.Add(new Supplier { Id = "s_1", Name = "Acme", Country = "CN", LeadTimeDays = 10, OnTimeRate = 0.9m, Status = "active" });
        db.Customers.Add(new Customer { Id = "c_1", Email = "c1@example.com", Name = "Ana", Country = "AU", CreatedAt = Now.AddDays(-30) });
        db.Products.AddRange(
            Product("p_fault", price: 50m, unitCost: 20m, stock: 100),
            Product("p_calm", price: 50m, unitCost: 20m, stock: 100),
            Product("p_low", price: 40m, unitCost: 10m, stock: 3),
            Product("p_ordered", price: 40m, unitCost: 10m, stock: 2),
            Product("p_cost", price: 30m, unitCost: 15m, stock: 100));
        db.AdCampaigns.Add(new AdCampaign { Id = "cmp_r", Platform = "meta_ads", Name = "r", Objective = "sales", Status = "active", StartedAt = Now.AddDays(-40) });
        db.AdSets.AddRange(
            new AdSet { Id = "as_fault", CampaignId = "cmp_r", ProductId = "p_fault", Name = "fault", DailyBudget = 50m, Status = "active", CreatedAt = Now.AddDays(-40) },
            new AdSet { Id = "as_calm", CampaignId = "cmp_r", ProductId = "p_calm", Name = "calm", DailyBudget = 50m, Status = "active", CreatedAt = Now.AddDays(-40) });
        db.PurchaseOrders.Add(new PurchaseOrder
        {
            Id = "po_open", SupplierId = "s_1", Status = "ordered", OrderedAt = Now.AddDays(-2), ExpectedAt = Now.AddDays(8), Total = 100m,
            Lines = [new PurchaseOrderLine { PurchaseOrderId = "po_open", ProductId = "p_ordered", Quantity = 10, UnitCost = 10m }],
        });
        db.Orders.AddRange(
            Order("o_late", "p_calm", 50m, placed: Now.AddDays(-9), fulfilled: Now.AddDays(-8)),
            Order("o_small", "p_calm", 50m, placed: Now.AddDays(-9), fulfilled: Now.AddDays(-8)),
            Order("o_big", "p_calm", 300m, placed: Now.AddDays(-9), fulfilled: Now.AddDays(-8)));
        for (var i = 1; i <= FaultRefunds; i++)
            db.Orders.Add(Order($"o_f{i}", "p_fault", 50m, placed: Now.AddDays(-9), fulfilled: Now.AddDays(-8)));
        db.Orders.Add(Order("o_c1", "p_calm", 50m, placed: Now.AddDays(-9), fulfilled: Now.AddDays(-8)));
        db.Refunds.AddRange(
            Refund("rf_small", "o_small", 20m, "damaged", Now.AddDays(-1)),
            Refund("rf_big", "o_big", 300m, "damaged", Now.AddDays(-1)),
            Refund("rf_c1", "o_c1", 50m, "defective", Now.AddDays(-4)));
        for (var i = 1; i <= FaultRefunds; i++) db.Refunds.Add(Refund($"rf_f{i}", $"o_f{i}", 50m, "defective", FaultAt(i)));
        db.SupportTickets.AddRange(
            Ticket("t_where", "o_late", "Where is my order o_late?", "Tracking hasn't moved for days, when will it arrive?", "normal"),
            Ticket("t_small", "o_small", "Refund request for o_small", "I'd like a refund: damaged.", "normal"),
            Ticket("t_big", "o_big", "Refund request for o_big", "I'd like a refund: damaged.", "high"),
            Ticket("t_again", "o_late", "Where is my order o_late?", "Still waiting for it.", "normal"),
            Ticket("t_question", null, "Does this ship to Perth?", "Hi, quick question: does this ship to perth?", "low"),
            Ticket("t_urgent", "o_late", "Where is my order o_late?", "This is a scam, I will open a chargeback immediately.", "normal"));
        await db.SaveChangesAsync();
    }

    /// <summary>When the i-th refund of p_fault was requested: one a day, the last a day before now.</summary>
    public static DateTimeOffset FaultAt(int i) => Now.AddDays(i - FaultRefunds);

    /// <summary>Refunds of p_fault for one reason inside the policy's window: one more than its count.</summary>
    public const int FaultRefunds = 6;

    private static Product Product(string id, decimal price, decimal unitCost, int stock) => new()
    {
        Id = id, Sku = "SKU-" + id, Title = "Title " + id, Category = "beauty", Price = price, UnitCost = unitCost, ShippingCost = 5m,
        PlatformFeePct = 5m, Stock = stock, ReorderPoint = 10, SupplierId = "s_1", Status = "active", CreatedAt = Now.AddDays(-60),
    };

    private static Order Order(string id, string productId, decimal total, DateTimeOffset placed, DateTimeOffset fulfilled) => new()
    {
        Id = id, CustomerId = "c_1", Channel = "shopify", PlacedAt = placed, Status = "fulfilled", Subtotal = total, Total = total, Currency = "AUD",
        Ip = "10.0.0.1", DeviceId = "d_1", BillingCountry = "AU", ShippingCountry = "AU", FulfilledAt = fulfilled,
        Lines = [new OrderLine { OrderId = id, ProductId = productId, Quantity = 1, UnitPrice = total, LineTotal = total }],
    };

    private static Refund Refund(string id, string orderId, decimal amount, string reason, DateTimeOffset at) => new()
    {
        Id = id, OrderId = orderId, CustomerId = "c_1", Amount = amount, Reason = reason, Status = "requested", RequestedAt = at,
    };

    private static SupportTicket Ticket(string id, string? orderId, string subject, string body, string priority) => new()
    {
        Id = id, CustomerId = "c_1", OrderId = orderId, Channel = "shopify", Subject = subject, Body = body, Status = "open", Priority = priority,
        CreatedAt = Now,
    };
}
