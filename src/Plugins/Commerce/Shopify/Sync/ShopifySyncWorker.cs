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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SyncInterval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await services.GetRequiredService<ShopifySync>().SyncAsync(stoppingToken);
                if (result is null) logger.LogDebug("Shopify sync skipped: another host is syncing");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Shopify sync failed; retrying in {Interval}", options.SyncInterval);
            }
            await Task.Delay(options.SyncInterval, time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
