using LiveShop.Kernel.Automation.Scheduling;

namespace LiveShop.Chat.Hosting;

/// <summary>The clustered scheduler: its settings for every process, and for <c>serve</c> the workers that run it.</summary>
public static class SchedulerServices
{
    /// <summary>Binds the <c>Scheduler</c> section (CLI verbs edit the schedule with it too).</summary>
    public static IServiceCollection AddSchedulerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section))
            .Validate(o => o.CheckinInterval > TimeSpan.Zero && o.IdleWaitTime >= TimeSpan.FromSeconds(1),
                $"{SchedulerOptions.Section}: CheckinInterval must be positive and IdleWaitTime at least 1 s")
            .ValidateOnStart();
        return services;
    }

    /// <summary>This host joins the cluster (unless <c>Scheduler:Enabled</c> is false) and, in sandbox mode, follows the business clock.</summary>
    public static IServiceCollection AddSchedulerWorkers(this IServiceCollection services)
    {
        services.AddHostedService<SchedulerWorker>();
        services.AddHostedService<BusinessClockWorker>();
        return services;
    }
}
