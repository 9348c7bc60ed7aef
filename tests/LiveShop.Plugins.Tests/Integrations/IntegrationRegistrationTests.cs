using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Records;
using LiveShop.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Tests.Integrations;

/// <summary>What <c>AddIntegrations</c> wires for each configured real client, and that a connector's own settings errors stop start-up.</summary>
public sealed class IntegrationRegistrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly (string, string)[] Shopify =
        [("Integrations:Shopify:ShopDomain", "liveshop.myshopify.com"), ("Integrations:Shopify:AccessToken", "shpat_test")];

    private static readonly (string, string)[] Email =
    [
        ("Integrations:Email:SmtpHost", "127.0.0.1"), ("Integrations:Email:ImapHost", "127.0.0.1"), ("Integrations:Email:UserName", "support"),
        ("Integrations:Email:Password", "secret"), ("Integrations:Email:FromAddress", "support@liveshop.local"), ("Integrations:Email:Security", "None"),
    ];

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection()
            .AddSingleton(database.DataSource)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(sp => new LiveShop.Memory.Events.EventStore(database.DataSource, TimeProvider.System))
            .AddSingleton<LiveShop.Plugins.Records.BusinessUnitOfWork>();
        return services.AddIntegrations(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Nothing_configured_registers_no_live_connector()
    {
        using var provider = Build();
        Assert.Empty(provider.GetServices<ILiveActionConnector>());
    }

    [Fact]
    public void Configured_shopify_and_email_register_their_live_connectors()
    {
        using var provider = Build([.. Shopify, .. Email]);

        var connectors = provider.GetServices<ILiveActionConnector>().Select(c => $"{c.IntegrationId}:{c.Action}").Order().ToArray();
        Assert.Equal(["email:respond_ticket", "shopify:change_price", "shopify:refund_order"], connectors);
    }

    [Fact]
    public void A_connector_setting_its_own_check_refuses_stops_start_up_as_a_configuration_error()
    {
        var refused = Assert.Throws<IntegrationConfigurationException>(() => Build([.. Shopify, ("Integrations:Shopify:BaseUrl", "not a url")]));
        Assert.Contains("BaseUrl", refused.Message);

        var email = Assert.Throws<IntegrationConfigurationException>(() => Build([.. Email, ("Integrations:Email:SmtpPort", "99999")]));
        Assert.Contains("SmtpPort", email.Message);
        Assert.DoesNotContain("secret", email.Message);
    }
}
