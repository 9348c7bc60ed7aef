using LiveShop.Memory.Events;
using LiveShop.Plugins.Commerce.Shopify;
using LiveShop.Plugins.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LiveShop.Plugins.Tests.Shopify;

/// <summary>The Shopify services as the host registers them, pointed at a <see cref="FakeShopify"/>, over a test database.</summary>
public sealed class ShopifyTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ShopifyTestHost(FakeShopify fake, NpgsqlDataSource? dataSource = null, int pageSize = 3)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:Shopify:ShopDomain"] = "liveshop-test.myshopify.com",
            ["Integrations:Shopify:AccessToken"] = FakeShopify.Token,
            ["Integrations:Shopify:ApiVersion"] = FakeShopify.ApiVersion,
            ["Integrations:Shopify:BaseUrl"] = fake.BaseUrl,
            ["Integrations:Shopify:PageSize"] = pageSize.ToString(),
            ["Integrations:Shopify:TransientRetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        if (dataSource is not null)
        {
            services.AddSingleton(dataSource);
            services.AddSingleton<EventStore>();
        }
        Live = services.AddShopify(configuration);
        _services = services.BuildServiceProvider();
    }

    public InstantTime Time { get; } = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public bool Live { get; }

    public ShopifyShop Shop => _services.GetRequiredService<ShopifyShop>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ILiveActionConnector Connector(string action) => _services.GetServices<ILiveActionConnector>().Single(c => c.Action == action);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
