using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Memory.Clock;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Sandbox mode: watches the business clock (the simulation's) and, each time it has moved, asks the cluster to run the
/// jobs whose cron was due in between (<see cref="BusinessClockTrigger"/>), so a simulated night runs the nightly job.
/// Starts from the business instant it first sees: a night played while no host was serving is not replayed.
/// </summary>
public sealed class BusinessClockWorker(
    IBusinessClock clock, BusinessClockTrigger trigger, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<BusinessClockWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        DateTimeOffset? seen = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = await clock.NowAsync(stoppingToken);
                if (!clock.IsSandbox) seen = null;
                else if (seen is { } from && now > from)
                {
                    var fired = await trigger.FireDueAsync(from, now, stoppingToken);
                    if (fired.Count > 0) logger.LogInformation("business clock {From:O} → {To:O}: ran {Jobs}", from, now, string.Join(", ", fired.Keys));
                    seen = now;
                }
                else seen ??= now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "business clock check failed; retrying");
            }
            await Task.Delay(Poll, time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
