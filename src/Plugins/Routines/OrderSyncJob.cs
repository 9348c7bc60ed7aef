using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Plugins.Commerce.Shopify.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Routines;

/// <summary>
/// Hourly order sync from the live integrations into the business database. Shopify is the one integration that syncs
/// orders (products and orders, by cursor); it is registered only when it is live, so in the sandbox the job says there
/// is nothing to sync rather than pretending.
/// </summary>
public sealed class OrderSyncJob(IServiceProvider services) : IBusinessJob
{
    /// <inheritdoc />
    public string Name => "order_sync";

    /// <inheritdoc />
    public string DefaultCron => "0 5 * * * ?";

    /// <inheritdoc />
    public string Description => "Hourly: pulls new and changed orders (and products) from the live shop integration (Shopify).";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        if (services.GetService<ShopifySync>() is not { } shopify)
            return new BusinessJobResult("no live order integration (Shopify is in the sandbox); nothing to sync");
        return await shopify.SyncAsync(cancellationToken) is { } synced
            ? new BusinessJobResult($"shopify: {synced.OrdersRead} orders and {synced.ProductsRead} products read, {synced.EventsAppended} events written")
            : new BusinessJobResult("shopify: another host is syncing right now; nothing done");
    }
}
