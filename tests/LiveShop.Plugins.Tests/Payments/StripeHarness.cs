using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Integrations.Routing;
using LiveShop.Plugins.Payments.Stripe;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Plugins.Tests.Actions;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Tests.Payments;

/// <summary>The real pipeline over a test database with the integrations registered as the host registers them, Stripe pointed at a fake.</summary>
internal sealed class StripeHarness : IAsyncDisposable
{
    private StripeHarness(ServiceProvider services, GatewayHarness gateway, FakeStripe stripe)
    {
        Services = services;
        Gateway = gateway;
        Stripe = stripe;
    }

    public ServiceProvider Services { get; }
    public GatewayHarness Gateway { get; }
    public FakeStripe Stripe { get; }
    public IntegrationConnections Connections => Services.GetRequiredService<IntegrationConnections>();

    /// <summary>Configuration with Stripe live against <paramref name="stripe"/> (or nothing when null).</summary>
    public static IConfiguration Configuration(FakeStripe? stripe) => new ConfigurationBuilder().AddInMemoryCollection(stripe is null
        ? []
        : new Dictionary<string, string?>
        {
            ["Integrations:Stripe:SecretKey"] = FakeStripe.SecretKey, ["Integrations:Stripe:ApiBase"] = stripe.BaseUrl,
            ["Integrations:Stripe:MaxNetworkRetries"] = "3",
        }).Build();

    public static async Task<StripeHarness> CreateAsync(TestDatabase database, bool stripeLive = true)
    {
        var stripe = new FakeStripe();
        await stripe.StartAsync();
        var services = new ServiceCollection()
            .AddSingleton(database.DataSource)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(sp => new EventStore(database.DataSource, TimeProvider.System))
            .AddSingleton<BusinessUnitOfWork>()
            .AddIntegrations(Configuration(stripeLive ? stripe : null), retryBaseDelay: TimeSpan.FromMilliseconds(20))
            .BuildServiceProvider();
        var executors = LiveRoutingExecutor.Wrap(
            [.. SandboxExecutors.Create(services.GetRequiredService<BusinessUnitOfWork>()), .. services.GetServices<IActionExecutor>()],
            services.GetServices<ILiveActionConnector>(), services.GetRequiredService<IntegrationConnections>());
        var gateway = await GatewayHarness.CreateAsync(database, new SandboxActionsTests.RowFacts(database), executors);
        return new StripeHarness(services, gateway, stripe);
    }

    /// <summary>An order of <paramref name="total"/> AUD paid through <paramref name="provider"/> (a PaymentIntent for Stripe).</summary>
    public async Task<string> OrderPaidThroughAsync(TestDatabase database, string provider, decimal total = 200m)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orderId = $"o_{suffix}";
        await using var db = database.CreateContext();
        if (!await db.Customers.AnyAsync(c => c.Id == "cu_s"))
            db.Customers.Add(new Customer { Id = "cu_s", Email = "s@x", Name = "S", Country = "AU" });
        db.Orders.Add(new Order
        {
            Id = orderId, CustomerId = "cu_s", Channel = provider == "stripe" ? "shopify" : provider, PlacedAt = GatewayHarness.Start.AddDays(-3),
            Status = "delivered", Subtotal = total, Total = total, Currency = "AUD", Ip = $"10.1.{suffix.Length}.1", DeviceId = "d_" + suffix,
            BillingCountry = "AU", ShippingCountry = "AU",
        });
        db.Payments.Add(new Payment
        {
            Id = "pay_" + suffix, OrderId = orderId, Provider = provider, ExternalId = provider == "stripe" ? "pi_" + suffix : null,
            Amount = total, Fee = 3m, Status = "captured", CapturedAt = GatewayHarness.Start.AddDays(-3),
        });
        await db.SaveChangesAsync();
        if (provider == "stripe") Stripe.AddPaymentIntent("pi_" + suffix, (long)(total * 100));
        return orderId;
    }

    /// <summary>Sets the founder's connection row directly (tests of connect_integration itself go through the pipeline).</summary>
    public async Task SetConnectionAsync(TestDatabase database, string status)
    {
        await using var command = database.DataSource.CreateCommand(
            """
            INSERT INTO integration_connections (integration_id, status, action_id, changed_by, changed_at) VALUES ('stripe', $1, 'test', 'test', now())
            ON CONFLICT (integration_id) DO UPDATE SET status = excluded.status
            """);
        command.Parameters.Add(new() { Value = status });
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
