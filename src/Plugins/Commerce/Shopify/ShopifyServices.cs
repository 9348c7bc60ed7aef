using System.Net;
using LiveShop.Plugins.Records;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Commerce.Shopify.Connectors;
using LiveShop.Plugins.Commerce.Shopify.Sync;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using LiveShop.Kernel.Actions.Definitions.Catalog;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>Registers the Shopify client, sync and live connectors when <c>Integrations:Shopify</c> is configured.</summary>
public static class ShopifyServices
{
    /// <summary>
    /// When <c>Integrations:Shopify:ShopDomain</c> and <c>AccessToken</c> are set: the Admin API client (with transient-fault
    /// retries), <see cref="ShopifyShop"/>, <see cref="ShopifySync"/> and its background worker, and the <see cref="ChangePriceAction"/> and <see cref="RefundOrderAction"/>
    /// <see cref="ILiveActionConnector"/>s. Otherwise nothing is registered and the sandbox answers. Expects the host to
    /// register the <c>NpgsqlDataSource</c> and <see cref="EventStore"/>; returns whether Shopify is live. A section with
    /// some settings but not all throws, naming the missing one, so a typo never falls back to the sandbox silently.
    /// </summary>
    public static bool AddShopify(this IServiceCollection services, IConfiguration configuration)
    {
        if (!ShopifyOptions.IsConfigured(configuration))
        {
            if (ShopifyOptions.IsMentioned(configuration)) ShopifyOptions.FromConfiguration(configuration); // throws with the missing setting
            return false;
        }
        var options = ShopifyOptions.FromConfiguration(configuration);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BusinessUnitOfWork>();
        services.AddSingleton<ShopifyCostBucket>();
        services.AddHttpClient<ShopifyAdminClient>()
            .AddResilienceHandler("shopify-transient", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                // 5xx, 408 and network failures only: 429 and THROTTLED carry Shopify's own wait, which the client honours.
                // Retrying a mutation is safe: prices are set absolutely and refunds carry an idempotency key.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.TransientRetryDelay,
            }));
        services.AddTransient<ShopifyShop>();
        services.AddTransient<ShopifySync>();
        services.AddHostedService<ShopifySyncWorker>();
        services.AddTransient<ILiveActionConnector, ShopifyChangePriceConnector>();
        services.AddTransient<ILiveActionConnector, ShopifyRefundConnector>();
        return true;
    }
}
