using System.Text.Json;
using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Data.Entities.Support;
using LiveShop.Testing;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Tests.Functions;

/// <summary>A small business written with EF, read back through the read-only plugin functions.</summary>
public sealed class ReadOnlyBusiness : TestDatabase, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateContext();
        db.Customers.Add(new Customer { Id = "c_1", Email = "a@example.com", Name = "Ann", Country = "AU", CreatedAt = Now.AddDays(-90) });
        db.Products.AddRange(
            new Product { Id = "p_1", Sku = "SKU1", Title = "Glow serum", Category = "beauty", Price = 39m, UnitCost = 9.5m, ShippingCost = 3m, PlatformFeePct = 8m, Stock = 5, ReorderPoint = 10, Status = "active", CreatedAt = Now.AddDays(-90) },
            new Product { Id = "p_2", Sku = "SKU2", Title = "Silk scarf", Category = "fashion", Price = 20m, UnitCost = 6m, ShippingCost = 2m, PlatformFeePct = 8m, Stock = 100, ReorderPoint = 10, Status = "active", CreatedAt = Now.AddDays(-90) });
        db.Orders.AddRange(
            Order("o_1", Now.AddDays(-2), "delivered", 78m, ("p_1", 2, 39m)),
            Order("o_2", Now.AddDays(-1), "paid", 20m, ("p_2", 1, 20m)),
            Order("o_3", Now.AddDays(-1), "cancelled", 200m, ("p_2", 10, 20m)));
        db.Refunds.Add(new Refund { Id = "r_1", OrderId = "o_1", CustomerId = "c_1", Amount = 20m, Reason = "late", Status = "processed", RequestedAt = Now.AddDays(-1) });
        db.AdCampaigns.Add(new AdCampaign { Id = "cmp_1", Platform = "meta_ads", Name = "Autumn", Objective = "sales", Status = "active", StartedAt = Now.AddDays(-30) });
        db.AdSets.AddRange(
            new AdSet { Id = "as_1", CampaignId = "cmp_1", ProductId = "p_1", Name = "Serum lookalikes", DailyBudget = 500m, Status = "active", CreatedAt = Now.AddDays(-30) },
            new AdSet { Id = "as_2", CampaignId = "cmp_1", ProductId = "p_2", Name = "Scarf retarget", DailyBudget = 100m, Status = "paused", CreatedAt = Now.AddDays(-30) });
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        db.AdSetDailyMetrics.AddRange(
            Metric("as_1", today.AddDays(-1), 100m, 300m),
            Metric("as_1", today.AddDays(-3), 100m, 110m),
            Metric("as_1", today.AddDays(-10), 1000m, 0m));
        db.SupportTickets.AddRange(
            Ticket("t_1", "normal", "open", Now.AddHours(-5)),
            Ticket("t_2", "urgent", "pending", Now.AddHours(-1)),
            Ticket("t_3", "high", "resolved", Now.AddHours(-9)));
        db.LedgerAccounts.AddRange(
            new LedgerAccount { Code = "1000", Name = "Cash at bank", Type = "asset" },
            new LedgerAccount { Code = "3000", Name = "Owner equity", Type = "equity" },
            new LedgerAccount { Code = "6100", Name = "Advertising", Type = "expense" });
        db.JournalEntries.AddRange(
            Journal(Now.AddDays(-60), "Opening balances", ("1000", 50000m, 0m), ("3000", 0m, 50000m)),
            Journal(Now.AddDays(-10), "Ad spend", ("6100", 15000m, 0m), ("1000", 0m, 15000m)));
        await db.SaveChangesAsync();
    }

    private static Order Order(string id, DateTimeOffset at, string status, decimal total, params (string Product, int Quantity, decimal Price)[] lines) => new()
    {
        Id = id, CustomerId = "c_1", Channel = "shopify", PlacedAt = at, Status = status, Subtotal = total, Total = total, Currency = "AUD",
        Ip = "10.0.0.1", DeviceId = "d_1", BillingCountry = "AU", ShippingCountry = "AU", FirstOrder = id == "o_1",
        Lines = lines.Select(l => new OrderLine { OrderId = id, ProductId = l.Product, Quantity = l.Quantity, UnitPrice = l.Price, LineTotal = l.Quantity * l.Price }).ToList(),
    };

    private static AdSetDailyMetric Metric(string adSet, DateOnly date, decimal spend, decimal revenue) =>
        new() { AdSetId = adSet, Date = date, Spend = spend, Revenue = revenue, Impressions = 1000, Clicks = 10, Orders = 1 };

    private static SupportTicket Ticket(string id, string priority, string status, DateTimeOffset at) => new()
    {
        Id = id, CustomerId = "c_1", OrderId = "o_1", Channel = "email", Subject = $"About {id}", Body = "Where is my parcel?",
        Status = status, Priority = priority, CreatedAt = at,
    };

    private static JournalEntry Journal(DateTimeOffset at, string description, params (string Account, decimal Debit, decimal Credit)[] lines) => new()
    {
        Id = Guid.NewGuid(), OccurredAt = at, Description = description, SourceType = "test", SourceId = description,
        Lines = lines.Select(l => new LedgerLine { AccountCode = l.Account, Debit = l.Debit, Credit = l.Credit }).ToList(),
    };
}

public sealed class ReadOnlyFunctionTests(ReadOnlyBusiness business) : IClassFixture<ReadOnlyBusiness>
{
    private async Task<JsonElement> CallAsync(string plugin, string function, KernelArguments? arguments = null)
    {
        var kernels = new ProductKernels(business, new TestContextFactory(business), new FixedClock(ReadOnlyBusiness.Now));
        var result = await kernels.Kernel().InvokeAsync(plugin, function, arguments ?? []);
        Assert.Empty(kernels.Pipeline.Packets);
        using var document = JsonDocument.Parse(result.GetValue<string>()!);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Order_lookup_shows_total_refunded_and_refundable()
    {
        var order = await CallAsync("Commerce", "get_order", new() { ["order_id"] = "o_1" });
        Assert.Equal(78m, order.GetProperty("total").GetDecimal());
        Assert.Equal(20m, order.GetProperty("refunded_amount").GetDecimal());
        Assert.Equal(58m, order.GetProperty("refundable").GetDecimal());
        Assert.Equal("p_1", order.GetProperty("lines")[0].GetProperty("product_id").GetString());
    }

    [Fact]
    public async Task Product_lookup_shows_costs_stock_and_the_contribution_of_one_unit_before_ads()
    {
        var product = await CallAsync("Commerce", "get_product", new() { ["product_id"] = "p_1" });
        Assert.Equal(39m, product.GetProperty("price").GetDecimal());
        Assert.Equal(5, product.GetProperty("stock").GetInt32());
        Assert.Equal(10, product.GetProperty("reorder_point").GetInt32());
        // 39 − 9.5 − 3 − 39 × 8 % = 23.38
        Assert.Equal(23.38m, product.GetProperty("contribution_per_unit").GetDecimal());
    }

    [Fact]
    public async Task Unknown_order_is_said_plainly()
    {
        var kernels = new ProductKernels(business, new TestContextFactory(business), new FixedClock(ReadOnlyBusiness.Now));
        var result = await kernels.Kernel().InvokeAsync("Commerce", "get_order", new() { ["order_id"] = "o_404" });
        Assert.Equal("no order with id o_404", result.GetValue<string>());
    }

    [Fact]
    public async Task Ad_set_performance_gives_roas_over_the_trailing_week_only()
    {
        var answer = await CallAsync("Ads", "get_ad_set_performance");
        var sets = answer.GetProperty("ad_sets").EnumerateArray().ToDictionary(a => a.GetProperty("ad_set_id").GetString()!);
        Assert.Equal(200m, sets["as_1"].GetProperty("spend").GetDecimal());
        Assert.Equal(410m, sets["as_1"].GetProperty("revenue").GetDecimal());
        Assert.Equal(2.05m, sets["as_1"].GetProperty("roas").GetDecimal());
        Assert.Equal(JsonValueKind.Null, sets["as_2"].GetProperty("roas").ValueKind);
        Assert.Equal("paused", sets["as_2"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stock_lists_products_at_or_below_their_reorder_point()
    {
        var answer = await CallAsync("Fulfillment", "get_stock");
        var product = Assert.Single(answer.GetProperty("products").EnumerateArray());
        Assert.Equal("p_1", product.GetProperty("product_id").GetString());
        Assert.Equal(5, product.GetProperty("stock").GetInt32());
        Assert.True(product.GetProperty("needs_reorder").GetBoolean());

        var one = await CallAsync("Fulfillment", "get_stock", new() { ["product_id"] = "p_2" });
        Assert.Equal(100, Assert.Single(one.GetProperty("products").EnumerateArray()).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Cash_runway_is_cash_over_average_daily_burn()
    {
        var answer = await CallAsync("Payments", "get_cash_runway");
        Assert.Equal(35000m, answer.GetProperty("cash_balance").GetDecimal());
        Assert.Equal(500m, answer.GetProperty("avg_daily_net_burn").GetDecimal());
        Assert.Equal(70m, answer.GetProperty("runway_days").GetDecimal());
    }

    [Fact]
    public async Task Ticket_queue_lists_open_tickets_most_urgent_first()
    {
        var answer = await CallAsync("Support", "list_open_tickets");
        Assert.Equal(2, answer.GetProperty("open").GetInt32());
        var tickets = answer.GetProperty("tickets").EnumerateArray().ToList();
        Assert.Equal(["t_2", "t_1"], tickets.Select(t => t.GetProperty("ticket_id").GetString()!).ToArray());
        Assert.Equal(5.0, tickets[1].GetProperty("age_hours").GetDouble());
    }

    [Fact]
    public async Task Profit_and_loss_and_balance_sheet_come_from_the_journal()
    {
        var pnl = await CallAsync("Accounting", "get_profit_and_loss", new() { ["days"] = "30" });
        Assert.Equal(0m, pnl.GetProperty("net_revenue").GetDecimal());
        Assert.Equal(-15000m, pnl.GetProperty("net_profit").GetDecimal());
        Assert.Equal("6100", Assert.Single(pnl.GetProperty("expenses").EnumerateArray()).GetProperty("account_code").GetString());

        var sheet = await CallAsync("Accounting", "get_balance_sheet");
        Assert.Equal(35000m, sheet.GetProperty("total_assets").GetDecimal());
        Assert.Equal(-15000m, sheet.GetProperty("retained_earnings").GetDecimal());
        Assert.Equal(35000m, sheet.GetProperty("total_liabilities_and_equity").GetDecimal());
        Assert.True(sheet.GetProperty("balances").GetBoolean());

        var before = await CallAsync("Accounting", "get_balance_sheet", new() { ["as_of"] = "2026-10-01" });
        Assert.Equal(50000m, before.GetProperty("total_assets").GetDecimal());
    }

    [Fact]
    public async Task Top_products_rank_by_revenue_and_ignore_cancelled_orders()
    {
        var answer = await CallAsync("Commerce", "list_top_products", new() { ["days"] = "30" });
        var products = answer.GetProperty("products").EnumerateArray().ToList();
        Assert.Equal(["p_1", "p_2"], products.Select(p => p.GetProperty("product_id").GetString()!).ToArray());
        Assert.Equal(78m, products[0].GetProperty("revenue").GetDecimal());
        Assert.Equal(1, products[1].GetProperty("units").GetInt32());
    }
}
