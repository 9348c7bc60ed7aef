using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Research.Trends;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Routines;

/// <summary>The routine business jobs the scheduler runs: order sync, product scan and reconciliation.</summary>
public static class RoutineJobs
{
    /// <summary>Registers each as an <see cref="IBusinessJob"/>.</summary>
    public static IServiceCollection AddRoutineJobs(this IServiceCollection services)
    {
        services.AddSingleton<IBusinessJob>(sp => new OrderSyncJob(sp));
        services.AddSingleton<IBusinessJob>(sp => new ProductScanJob(new OwnSalesTrendSignals(sp.GetRequiredService<IDbContextFactory<LiveShopDbContext>>())));
        services.AddSingleton<IBusinessJob, ReconciliationJob>();
        return services;
    }
}
