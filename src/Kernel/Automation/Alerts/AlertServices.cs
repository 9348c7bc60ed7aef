using LiveShop.Kernel.Automation.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Kernel.Automation.Alerts;

/// <summary>Registers the alert store and the nightly anomaly scan.</summary>
public static class AlertServices
{
    /// <summary>Adds <see cref="AlertStore"/> and <see cref="AlertScanJob"/> (as a business job).</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services) =>
        services.AddSingleton<AlertStore>().AddSingleton<IBusinessJob, AlertScanJob>();
}
