using LiveShop.Memory.Metrics.Store;

namespace LiveShop.Chat.Hosting;

/// <summary>The metrics store: its table, the snapshotter that writes it and the store that reads it, with its retention setting.</summary>
public static class MetricsServices
{
    /// <summary>Registers the metrics store, its options bound from <c>Metrics</c> and validated at start.</summary>
    public static IServiceCollection AddMetricsStore(this IServiceCollection services)
    {
        services.AddOptions<MetricsStoreOptions>().BindConfiguration(MetricsStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MetricSeriesTable>();
        services.AddSingleton<Snapshotter>();
        services.AddSingleton<MetricsStore>();
        return services;
    }
}
