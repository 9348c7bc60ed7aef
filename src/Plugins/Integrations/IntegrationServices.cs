using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Memory.Database;
using LiveShop.Plugins.Commerce.Shopify;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Payments.Stripe;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Plugins.Support.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Plugins.Integrations;

/// <summary>Registers the integrations: the directory (validated at start), the connections, <see cref="ConnectIntegrationAction"/> and each live connector.</summary>
public static class IntegrationServices
{
    /// <summary>
    /// Registers the start-up validation of <c>Integrations:*</c> (<see cref="IntegrationCatalogueValidation"/>),
    /// <see cref="IntegrationDirectory"/>, <see cref="IntegrationConnections"/>, the <see cref="ConnectIntegrationAction"/> executor and,
    /// for every integration that is live, its <see cref="ILiveActionConnector"/>s. Needs an <see cref="NpgsqlDataSource"/>
    /// and a <see cref="BusinessUnitOfWork"/> registered.
    /// </summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services, IConfiguration configuration, TimeSpan? retryBaseDelay = null)
    {
        services.AddIntegrationCatalogue(configuration);
        var directory = new IntegrationDirectory(configuration);
        services.AddSingleton(directory);
        services.AddSingleton(sp => new IntegrationConnections(() => LiveShopDataSource.CreateContext(sp.GetRequiredService<NpgsqlDataSource>()), directory));
        services.AddSingleton<IActionExecutor>(sp => new ConnectIntegrationExecutor(directory, sp.GetRequiredService<BusinessUnitOfWork>()));
        // A broken catalogue stops the start; wiring connectors over it would only add errors of their own.
        if (IntegrationDirectory.FindProblems(configuration).Count > 0) return services;
        // One line per real client: it registers its connectors only when its credentials are configured.
        if (directory.IsLive(StripeSettings.IntegrationId)) services.AddStripeConnector(directory, retryBaseDelay);
        if (directory.IsLive("shopify")) RejectInvalid(() => services.AddShopify(configuration));
        if (directory.IsLive("email")) RejectInvalid(() => services.AddEmail(configuration));
        return services;
    }

    /// <summary>Registers <c>Integrations:*</c> as <see cref="IntegrationCatalogueOptions"/>, checked by <see cref="IntegrationCatalogueValidation"/> at start.</summary>
    public static IServiceCollection AddIntegrationCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntegrationCatalogueOptions>().Configure(o => o.Configuration = configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntegrationCatalogueOptions>, IntegrationCatalogueValidation>();
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
