using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Plugins.Commerce.Shopify;
using LiveShop.Plugins.Commerce.Shopify.Sync;
using LiveShop.Plugins.Integrations;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Shopify;

public sealed class ShopifyConnectorTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly FakeShopify _fake = new();
    private ShopifyTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await _fake.StartAsync();
        var serum = _fake.Data.AddProduct(301, "Glow serum", "GLOW-S", 40m, variants: 2);
        var mask = _fake.Data.AddProduct(302, "Clay mask", "CLAY-S", 25m);
        _fake.Data.AddOrder(6001, 81, "ava@example.com", serum, 2);
        _fake.Data.AddOrder(6002, 82, "ben@example.com", mask, 2, gateway: "stripe");
        _fake.Data.AddOrder(6003, 83, "cleo@example.com", serum, 1);
        _fake.Data.AddOrder(6004, 84, "dev@example.com", mask, 1);
        _host = new ShopifyTestHost(_fake, database.DataSource);
        await _host.Get<ShopifySync>().SyncAsync(default);
        await using var db = database.CreateContext();
        if (await db.Products.AnyAsync(p => p.Id == "p_local")) return; // the database is shared by the class's tests
        db.Products.Add(new Product { Id = "p_local", Sku = "LOCAL-1", Title = "Only sold live", Category = "beauty", Price = 30m, UnitCost = 5m, Stock = 5, Status = "active" });
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

    private static ActionPacket Packet(string action, object parameters, string key) =>
        ActionPacket.Create(action, parameters) with { IdempotencyKey = key, RequestedBy = "agent:cfo", Agent = "cfo" };

    [Fact]
    public async Task Change_price_updates_every_variant_on_shopify_and_records_the_change_like_the_sandbox()
    {
        var connector = _host.Connector("change_price");
        var packet = Packet("change_price", new { product_id = "p_shp_301", new_price = 42.5 }, "price-301");
        Assert.True(await connector.HandlesAsync(packet, default));
        Assert.False(await connector.HandlesAsync(Packet("change_price", new { product_id = "p_local", new_price = 31 }, "x"), default));

        var result = await connector.ExecuteAsync(packet, default);

        Assert.All(_fake.Data.Product(301).Variants, v => Assert.Equal(42.5m, v.Price));
        Assert.Equal(["gid://shopify/ProductVariant/3010", "gid://shopify/ProductVariant/3011"],
            _fake.Applied("productVariantsBulkUpdate").Single().Variables["variants"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()));
        Assert.Equal("change_price", result.Inverse!.Action);
        await using var db = database.CreateContext();
        Assert.Equal(42.5m, (await db.Products.SingleAsync(p => p.Id == "p_shp_301")).Price);
        Assert.Equal(42.5m, (await db.Listings.SingleAsync(l => l.ExternalId == "gid://shopify/Product/301")).Price);
        var change = await db.PriceChanges.SingleAsync(c => c.ProductId == "p_shp_301");
        Assert.Equal((40m, 42.5m, "agent:cfo"), (change.FromPrice, change.ToPrice, change.ChangedBy));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'ListingUpdated' AND source = 'shopify' AND data->>'product_id' = 'p_shp_301'"));
    }

    [Fact]
    public async Task Rejected_price_fails_clearly_and_leaves_the_database_unchanged()
    {
        _fake.RejectPricesWith = "Price can't be changed during a live show";
        var events = await CountAsync("SELECT count(*) FROM business_events");
        try
        {
            var error = await Assert.ThrowsAsync<ShopifyUserErrorsException>(() =>
                _host.Connector("change_price").ExecuteAsync(Packet("change_price", new { product_id = "p_shp_302", new_price = 26 }, "price-302"), default));
            Assert.Contains("Price can't be changed during a live show", error.Message);
        }
        finally { _fake.RejectPricesWith = null; }

        await using var db = database.CreateContext();
        Assert.Equal(25m, (await db.Products.SingleAsync(p => p.Id == "p_shp_302")).Price);
        Assert.False(await db.PriceChanges.AnyAsync(c => c.ProductId == "p_shp_302"));
        Assert.Equal(events, await CountAsync("SELECT count(*) FROM business_events"));
        Assert.Single(_fake.CallsTo("productVariantsBulkUpdate"), c => c.Variables["productId"]!.GetValue<string>() == "gid://shopify/Product/302");
    }

    [Fact]
    public async Task Refund_goes_to_shopify_only_for_shopify_payments_orders_and_a_repeated_execution_refunds_once()
    {
        var connector = _host.Connector("refund_order");
        var packet = Packet("refund_order", new { order_id = "o_shp_6001", amount = 30, reason = "arrived damaged" }, "refund-6001");
        Assert.True(await connector.HandlesAsync(packet, default));
        // Paid through Stripe: the Stripe connector refunds the PaymentIntent, not Shopify.
        Assert.False(await connector.HandlesAsync(Packet("refund_order", new { order_id = "o_shp_6002", amount = 5, reason = "x" }, "y"), default));

        var first = await connector.ExecuteAsync(packet, default);
        var again = await connector.ExecuteAsync(packet, default); // the gateway re-running it after a crash

        var calls = _fake.CallsTo("refundCreate").Where(c => c.Variables["input"]!["orderId"]!.GetValue<string>() == "gid://shopify/Order/6001").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(ActionHashes.IdempotencyKey(packet), c.IdempotencyKey));
        Assert.Equal("gid://shopify/OrderTransaction/60010", calls[0].Variables["input"]!["transactions"]![0]!["parentId"]!.GetValue<string>());
        Assert.Single(_fake.Data.Order(6001).Refunds);
        Assert.Equal(first.ConnectorReference, again.ConnectorReference);
        await using (var db = database.CreateContext())
        {
            var refund = await db.Refunds.SingleAsync(r => r.OrderId == "o_shp_6001");
            Assert.Equal((30m, "processed"), (refund.Amount, refund.Status));
            Assert.Equal("partially_refunded", (await db.Orders.SingleAsync(o => o.Id == "o_shp_6001")).Status);
        }
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM business_events WHERE type = 'RefundProcessed' AND data->>'order_id' = 'o_shp_6001'"));

        // The next sync sees the refund in Shopify and recognises it as the one already recorded.
        await _host.Get<ShopifySync>().SyncAsync(default);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM refunds WHERE order_id = 'o_shp_6001'"));
    }

    [Fact]
    public async Task Duplicate_refund_submits_through_the_gateway_send_one_refund()
    {
        var harness = await GatewayHarness.CreateAsync(database,
            new DatabaseFactsProvider(database.DataSource, TimeProvider.System, PolicyLoader.LoadDefault()),
            [new LiveOnlyExecutor(_host.Connector("refund_order"))]);
        var packet = Packet("refund_order", new { order_id = "o_shp_6003", amount = 12, reason = "late" }, "refund-6003") with { RequestedBy = "agent:returns_refunds" };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => harness.Pipeline.SubmitAsync(packet with { ActionId = Guid.NewGuid().ToString() })));

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Executed, o.Status));
        Assert.Single(_fake.CallsTo("refundCreate"), c => c.Variables["input"]!["orderId"]!.GetValue<string>() == "gid://shopify/Order/6003");
        Assert.Single(_fake.Data.Order(6003).Refunds);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM refunds WHERE order_id = 'o_shp_6003'"));
    }

    /// <summary>Stands in for the routing executor: the live connector when it handles the packet, else a refusal.</summary>
    private sealed class LiveOnlyExecutor(ILiveActionConnector live) : IActionExecutor
    {
        public string Action => live.Action;

        public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
            await live.HandlesAsync(packet, cancellationToken)
                ? await live.ExecuteAsync(packet, cancellationToken)
                : throw new InvalidOperationException("not Shopify's to carry out");
    }
}
