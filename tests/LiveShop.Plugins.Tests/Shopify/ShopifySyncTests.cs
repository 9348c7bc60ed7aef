using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Plugins.Commerce.Shopify.Sync;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Shopify;

public sealed class ShopifySyncTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly FakeShopify _fake = new();
    private ShopifyTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await _fake.StartAsync();
        var serum = _fake.Data.AddProduct(201, "Glow serum", "GLOW-1", 39m, quantity: 12, variants: 2);
        var mask = _fake.Data.AddProduct(202, "Clay mask", "CLAY-1", 25m);
        var balm = _fake.Data.AddProduct(203, "Lip balm", "BALM-1", 9.5m);
        _fake.Data.AddProduct(204, "Sheet masks (10)", "SHEET-10", 18m);
        _fake.Data.AddOrder(5001, 71, "ava@example.com", serum, 2);
        _fake.Data.AddOrder(5002, 71, "ava@example.com", mask, 1);
        _fake.Data.AddOrder(5003, 72, "ben@example.com", balm, 3, gateway: "stripe");
        _fake.Data.AddOrder(5004, 73, "cleo@example.com", serum, 1);
        _fake.Data.AddOrder(5005, 74, "dev@example.com", mask, 2);
        _host = new ShopifyTestHost(_fake, database.DataSource, pageSize: 3);

        // The catalog already sells the clay mask (same SKU) at another price: the sync adopts it rather than duplicating it.
        await using var db = database.CreateContext();
        db.Products.Add(new Product { Id = "p_clay", Sku = "CLAY-1", Title = "Clay mask", Category = "beauty", Price = 24m, UnitCost = 6m, Stock = 5, Status = "active" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Sync_imports_products_orders_payments_and_events_and_a_second_sync_adds_nothing()
    {
        var first = (await _host.Get<ShopifySync>().SyncAsync(default))!;

        Assert.Equal((4, 5), (first.ProductsRead, first.OrdersRead));
        await using (var db = database.CreateContext())
        {
            var listings = await db.Listings.Where(l => l.Channel == "shopify").OrderBy(l => l.ExternalId).ToListAsync();
            Assert.Equal(["gid://shopify/Product/201", "gid://shopify/Product/202", "gid://shopify/Product/203", "gid://shopify/Product/204"], listings.Select(l => l.ExternalId));
            Assert.Equal("p_clay", listings[1].ProductId);
            Assert.Equal(25m, (await db.Products.SingleAsync(p => p.Id == "p_clay")).Price);
            Assert.Equal(24m, (await db.PriceChanges.SingleAsync(c => c.ProductId == "p_clay")).FromPrice);
            var serum = await db.Products.SingleAsync(p => p.Id == "p_shp_201");
            Assert.Equal(("GLOW-1", 39m, 24, 9.75m), (serum.Sku, serum.Price, serum.Stock, serum.UnitCost));

            var orders = await db.Orders.Include(o => o.Lines).Where(o => o.Channel == "shopify").OrderBy(o => o.Id).ToListAsync();
            Assert.Equal(5, orders.Count);
            var order = orders[0];
            Assert.Equal(("o_shp_5001", "gid://shopify/Order/5001", 88m, "AUD", "paid"), (order.Id, order.ExternalId, order.Total, order.Currency, order.Status));
            Assert.Equal(("p_shp_201", 2, 39m), (order.Lines.Single().ProductId, order.Lines.Single().Quantity, order.Lines.Single().UnitPrice));
            Assert.Equal("p_clay", orders[1].Lines.Single().ProductId);
            Assert.Equal(orders[0].CustomerId, orders[1].CustomerId);
            Assert.True(orders[0].FirstOrder);
            Assert.False(orders[1].FirstOrder);
            Assert.Equal(4, await db.Customers.CountAsync());
            Assert.Equal("ava@example.com", (await db.Customers.SingleAsync(c => c.Id == orders[0].CustomerId)).Email);
            Assert.Equal(["shopify_payments", "shopify_payments", "stripe", "shopify_payments", "shopify_payments"],
                (await db.Payments.OrderBy(p => p.OrderId).ToListAsync()).Select(p => p.Provider));
        }
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'ListingPublished' AND source = 'shopify'"));
        Assert.Equal(5, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'OrderPlaced' AND source = 'shopify'"));
        Assert.Equal(5, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'PaymentCaptured'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'ListingUpdated'"));
        Assert.Equal(15, await CountAsync("SELECT (data->>'quantity')::int FROM business_events WHERE type = 'StockReplenished' AND data->>'product_id' = 'p_clay'"));
        var events = await CountAsync("SELECT count(*) FROM business_events");
        Assert.Equal(first.EventsAppended, events);

        var second = (await _host.Get<ShopifySync>().SyncAsync(default))!;

        Assert.Equal(0, second.EventsAppended);
        Assert.Equal(events, await CountAsync("SELECT count(*) FROM business_events"));
        Assert.Equal(5, await CountAsync("SELECT count(*) FROM orders"));
        Assert.Equal(5, await CountAsync("SELECT count(*) FROM order_lines"));
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM products")); // three new and the adopted clay mask
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM customers"));
        Assert.Equal(5, await CountAsync("SELECT count(*) FROM payments"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM price_changes"));
        // The cursor moved: the second run asked only for what changed since the newest change the first one stored.
        var secondRunQuery = _fake.CallsTo("orders")[^1].Variables["query"]!.GetValue<string>();
        Assert.Equal($"updated_at:>='{second.OrdersCursor:yyyy-MM-ddTHH:mm:ssZ}'", secondRunQuery);
        Assert.Single(_fake.CallsTo("orders"), c => c.Variables["query"]?.GetValue<string>() == secondRunQuery);

        // Changes made in Shopify itself arrive with the next sync: a new price, a refund.
        _fake.Data.Now = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        _fake.Data.SetPrice("gid://shopify/Product/203", "gid://shopify/ProductVariant/2030", 11m);
        _fake.Data.AddRefund("gid://shopify/Order/5004", "gid://shopify/Refund/77", 20m, "damaged in transit");
        _fake.Data.SetQuantity(204, 0);

        var third = (await _host.Get<ShopifySync>().SyncAsync(default))!;

        // The changed products and order, plus the order at the cursor's exact time (read again, harmlessly).
        Assert.Equal((2, 2), (third.ProductsRead, third.OrdersRead));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(11m, (await db.Products.SingleAsync(p => p.Id == "p_shp_203")).Price);
            Assert.Equal("shopify", (await db.PriceChanges.SingleAsync(c => c.ProductId == "p_shp_203")).ChangedBy);
            var refund = await db.Refunds.SingleAsync();
            Assert.Equal(("re_shp_77", "o_shp_5004", 20m), (refund.Id, refund.OrderId, refund.Amount));
            Assert.Equal("partially_refunded", (await db.Orders.SingleAsync(o => o.Id == "o_shp_5004")).Status);
        }
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'RefundProcessed' AND data->>'refund_id' = 're_shp_77'"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'ListingUpdated'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'StockOut' AND data->>'product_id' = 'p_shp_204'"));
        Assert.Equal(0, await CountAsync("SELECT stock FROM products WHERE id = 'p_shp_204'"));
    }
}
