using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Success;
using Microsoft.Extensions.DependencyInjection.Extensions;
using LiveShop.Memory.Metrics.Store;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// The metrics store (its table, the snapshotter that writes it, the store that reads it, its retention setting and the
/// hourly snapshot job) and the success metrics read beside it.
/// </summary>
public static class MetricsServices
{
    /// <summary>Registers the metrics store, its options bound from <c>Metrics</c> and validated at start.</summary>
    public static IServiceCollection AddMetricsStore(this IServiceCollection services)
    {
        services.AddOptions<MetricsStoreOptions>().BindConfiguration(MetricsStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MetricSeriesTable>();
        services.AddSingleton<Snapshotter>();
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<IBusinessJob, MetricsSnapshotJob>();
        services.TryAddSingleton<GatewayExecutions>();
        services.AddSingleton<SuccessMetricsQuery>();
        return services;
    }
}
