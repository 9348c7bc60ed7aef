using LiveShop.Plugins.Commerce.Shopify;
using Microsoft.Extensions.Configuration;

namespace LiveShop.Plugins.Tests.Shopify;

public sealed class ShopifyAdminClientTests : IAsyncLifetime
{
    private readonly FakeShopify _fake = new();
    private ShopifyTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await _fake.StartAsync();
        for (var i = 1; i <= 7; i++) _fake.Data.AddProduct(100 + i, $"Glow serum {i}", $"GLOW-{i}", 20m + i);
        _host = new ShopifyTestHost(_fake, pageSize: 3);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Pagination_fetches_every_page_exactly_once_with_the_previous_end_cursor()
    {
        var products = await _host.Shop.ProductsUpdatedSinceAsync(null, default).ToListAsync();

        Assert.Equal(Enumerable.Range(101, 7).Select(i => $"gid://shopify/Product/{i}"), products.Select(p => p.Id));
        var pages = _fake.CallsTo("products");
        Assert.Equal([null, "cursor:3", "cursor:6"], pages.Select(c => c.Variables["after"]?.GetValue<string>()));
        Assert.All(pages, c => Assert.Equal(3, c.Variables["first"]!.GetValue<int>()));
        Assert.All(pages, c => Assert.Equal(FakeShopify.Token, c.AccessToken));
        Assert.Equal(21m, products[0].Variants.Single().Price);
    }

    [Fact]
    public async Task Throttled_mutation_waits_for_the_missing_points_to_restore_and_is_applied_once()
    {
        _fake.CurrentlyAvailable = 4; // the THROTTLED answer reports 4 of the 10 requested points: (10 - 4) / 50 per second
        _fake.Fail(ShopifyFault.Throttled, "LiveShopVariantPrices");

        await _host.Shop.SetVariantPricesAsync("gid://shopify/Product/101", ["gid://shopify/ProductVariant/1010"], 25.5m, default);

        Assert.Equal(["Throttled", "served"], _fake.CallsTo("productVariantsBulkUpdate").Select(c => c.Answer));
        Assert.Single(_fake.Applied("productVariantsBulkUpdate"));
        Assert.Contains(TimeSpan.FromSeconds(0.12), _host.Time.Waits);
        Assert.Equal(25.5m, _fake.Data.Product(101).Variants[0].Price);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_retry_after_header()
    {
        _fake.Fail(ShopifyFault.TooManyRequests, "LiveShopProductVariants", retryAfterSeconds: 7);

        var variants = await _host.Shop.VariantsAsync("gid://shopify/Product/102", default);

        Assert.Equal("GLOW-2", variants.Single().Sku);
        Assert.Equal(["TooManyRequests", "served"], _fake.CallsTo("product").Select(c => c.Answer));
        Assert.Contains(TimeSpan.FromSeconds(7), _host.Time.Waits);
    }

    [Fact]
    public async Task Server_error_is_retried_with_backoff_by_the_resilience_handler()
    {
        _fake.Fail(ShopifyFault.ServerError, "LiveShopProductVariants");

        var variants = await _host.Shop.VariantsAsync("gid://shopify/Product/103", default);

        Assert.Equal(23m, variants.Single().Price);
        Assert.Equal(["ServerError", "served"], _fake.CallsTo("product").Select(c => c.Answer));
    }

    [Fact]
    public async Task Throttling_that_never_clears_fails_clearly_after_the_retry_limit()
    {
        for (var i = 0; i < 10; i++) _fake.Fail(ShopifyFault.Throttled, "LiveShopProductVariants");

        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => _host.Shop.VariantsAsync("gid://shopify/Product/103", default));

        Assert.Contains("kept throttling LiveShopProductVariants", error.Message);
        Assert.Equal(6, _fake.CallsTo("product").Count);
    }

    [Fact]
    public async Task User_errors_fail_clearly_and_are_not_retried()
    {
        _fake.RejectPricesWith = "Price must be less than 1000000000000000000";

        var error = await Assert.ThrowsAsync<ShopifyUserErrorsException>(() =>
            _host.Shop.SetVariantPricesAsync("gid://shopify/Product/101", ["gid://shopify/ProductVariant/1010"], 5m, default));

        Assert.Contains("variants.0.price: Price must be less than", error.Message);
        Assert.Single(_fake.CallsTo("productVariantsBulkUpdate"));
        Assert.Equal(21m, _fake.Data.Product(101).Variants[0].Price);
    }

    [Fact]
    public async Task A_request_waits_until_its_expected_cost_has_restored_in_the_bucket()
    {
        _fake.CurrentlyAvailable = 2; // after this answer the bucket holds 2 points; the variants query asks for 302
        await _host.Shop.VariantsAsync("gid://shopify/Product/101", default);
        Assert.Empty(_host.Time.Waits);

        await _host.Shop.VariantsAsync("gid://shopify/Product/102", default);

        Assert.Equal(TimeSpan.FromSeconds(6), Assert.Single(_host.Time.Waits)); // (302 - 2) / 50 per second
        Assert.Equal(2, _fake.CallsTo("product").Count);
    }

    [Fact]
    public async Task Inventory_levels_read_available_and_on_hand_per_location()
    {
        var levels = await _host.Shop.InventoryLevelsAsync("gid://shopify/InventoryItem/1010", default);

        var level = Assert.Single(levels);
        Assert.Equal(("Sydney warehouse", 20, 22), (level.LocationName, level.Available, level.OnHand));
    }

    [Fact]
    public void Settings_name_what_is_missing_and_never_print_the_token()
    {
        var missing = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Integrations:Shopify:ShopDomain"] = "x.myshopify.com" }).Build();
        Assert.Equal("Integrations:Shopify:AccessToken is not set", Assert.Throws<InvalidOperationException>(() => ShopifyOptions.FromConfiguration(missing)).Message);
        Assert.False(ShopifyOptions.IsConfigured(missing));

        var halfConfigured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Integrations:Shopify:AccessToken"] = "shpat_x" }).Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Assert.Equal("Integrations:Shopify:ShopDomain is not set", Assert.Throws<InvalidOperationException>(() => services.AddShopify(halfConfigured)).Message);
        Assert.False(services.AddShopify(new ConfigurationBuilder().Build()));
        Assert.Empty(services);

        var pasted = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:Shopify:ShopDomain"] = "https://liveshop.myshopify.com/admin", ["Integrations:Shopify:AccessToken"] = "shpat_x",
        }).Build();
        Assert.Equal(new Uri("https://liveshop.myshopify.com/admin/api/2026-04/graphql.json"), ShopifyOptions.FromConfiguration(pasted).Endpoint);

        var options = _host.Get<ShopifyOptions>();
        Assert.DoesNotContain(FakeShopify.Token, options.ToString());
        Assert.Equal($"{_fake.BaseUrl}/admin/api/{FakeShopify.ApiVersion}/graphql.json", options.Endpoint.ToString());
        Assert.True(_host.Live);
    }
}
