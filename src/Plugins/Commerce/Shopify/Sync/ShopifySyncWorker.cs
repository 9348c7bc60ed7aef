using LiveShop.Memory.Background;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Commerce.Shopify.Sync;

/// <summary>
/// Runs <see cref="ShopifySync"/> every <see cref="ShopifyOptions.SyncInterval"/> while the host runs, so the database the
/// agents and the verifier read keeps up with the shop. A failed run is logged and retried at the next interval.
/// </summary>
public sealed class ShopifySyncWorker(IServiceProvider services, ShopifyOptions options, TimeProvider time, ILogger<ShopifySyncWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SyncInterval <= TimeSpan.Zero) return Task.CompletedTask;
        return RecurringWork.RunAsync(async ct =>
        {
            if (await services.GetRequiredService<ShopifySync>().SyncAsync(ct) is null) logger.LogDebug("Shopify sync skipped: another host is syncing");
            return false;
        }, options.SyncInterval, options.SyncInterval,
            e => logger.LogError(e, "Shopify sync failed; retrying in {Interval}", options.SyncInterval), time, stoppingToken);
    }
}
