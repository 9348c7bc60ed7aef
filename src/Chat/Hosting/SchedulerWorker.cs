using LiveShop.Kernel.Automation.Scheduling;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Starts this host's member of the Quartz cluster with the host and stops it with the host, waiting for the jobs in
/// flight (a host that dies instead leaves its firings to be recovered by another member).
/// </summary>
public sealed class SchedulerWorker(SchedulerHandle schedulers, IOptions<SchedulerOptions> options, ILogger<SchedulerWorker> logger) : IHostedService
{
    private BusinessScheduler? _started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("scheduler disabled (Scheduler:Enabled=false): this host runs no business jobs");
            return;
        }
        var scheduler = await schedulers.GetAsync(cancellationToken);
        await scheduler.StartAsync(cancellationToken);
        _started = scheduler;
        logger.LogInformation("scheduler started as {Instance}", scheduler.InstanceId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_started is { } scheduler) await scheduler.ShutdownAsync(waitForJobs: true, cancellationToken);
    }
}
