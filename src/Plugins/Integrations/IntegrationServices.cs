using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Database;
using LiveShop.Plugins.Commerce.Shopify;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Payments.Stripe;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Plugins.Support.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Plugins.Integrations;

/// <summary>Registers the integrations: the directory (validated now), the connections, <see cref="ConnectIntegrationAction"/> and each live connector.</summary>
public static class IntegrationServices
{
    /// <summary>
    /// Validates <c>Integrations:*</c> (throws <see cref="IntegrationConfigurationException"/>) and registers
    /// <see cref="IntegrationDirectory"/>, <see cref="IntegrationConnections"/>, the <see cref="ConnectIntegrationAction"/> executor and,
    /// for every integration that is live, its <see cref="ILiveActionConnector"/>s. Needs an <see cref="NpgsqlDataSource"/>
    /// and a <see cref="SandboxBusiness"/> registered.
    /// </summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services, IConfiguration configuration, TimeSpan? retryBaseDelay = null)
    {
        var directory = new IntegrationDirectory(configuration);
        services.AddSingleton(directory);
        services.AddSingleton(sp => new IntegrationConnections(() => LiveShopDataSource.CreateContext(sp.GetRequiredService<NpgsqlDataSource>()), directory));
        services.AddSingleton<IActionExecutor>(sp => new ConnectIntegrationExecutor(directory, sp.GetRequiredService<SandboxBusiness>()));
        // One line per real client: it registers its connectors only when its credentials are configured.
        if (directory.IsLive(StripeSettings.IntegrationId)) services.AddStripeConnector(directory, retryBaseDelay);
        if (directory.IsLive("shopify")) RejectInvalid(() => services.AddShopify(configuration));
        if (directory.IsLive("email")) RejectInvalid(() => services.AddEmail(configuration));
        return services;
    }

    // A connector's own settings check (a bad URL, port or duration) is a configuration error like any other: the host
    // reports it and exits instead of starting half-wired.
    private static void RejectInvalid(Action register)
    {
        try
        {
            register();
        }
        catch (InvalidOperationException e)
        {
            throw new IntegrationConfigurationException([e.Message]);
        }
    }
}
