using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Memory.Clock;
using Microsoft.Extensions.Logging;
using Quartz;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>
/// The one Quartz job class: runs the <see cref="IBusinessJob"/> its job key names, at the business clock's instant, and
/// records the run. Never two at once for one job across the cluster; a firing whose host died is recovered by another
/// host (requests recovery) and continues the same run record, and a firing already recorded as succeeded is not run again.
/// In sandbox mode the wall-clock cron firings stand aside: the business clock fires the jobs instead
/// (<see cref="BusinessClockTrigger"/>), so a simulated night runs the nightly job.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BusinessJobRunner(
    BusinessJobCatalog jobs, JobRuns runs, IBusinessClock clock, ILogger<BusinessJobRunner> logger) : IJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.JobDetail.Key.Name;
        var kind = RunKeys.KindOf(context);
        var businessNow = RunKeys.BusinessNowOf(context) ?? await clock.NowAsync(cancellationToken);
        if (kind == TriggerKinds.Schedule && clock.IsSandbox)
        {
            logger.LogDebug("{Job}: cron firing skipped in sandbox mode; the business clock fires it", name);
            return;
        }
        await RunAsync(name, RunKeys.For(context), kind, businessNow, context.Scheduler.SchedulerInstanceId, cancellationToken);
    }

    /// <summary>Runs the job once under <paramref name="runKey"/> and records it; returns the record (null when that firing already succeeded).</summary>
    public async Task<JobRun?> RunAsync(string name, string runKey, string kind, DateTimeOffset businessNow, string host, CancellationToken cancellationToken)
    {
        var job = jobs.Find(name) ?? throw new InvalidOperationException($"no business job named '{name}' is registered on this host");
        var run = await runs.BeginAsync(runKey, name, kind, businessNow, host, cancellationToken);
        if (run is null)
        {
            logger.LogInformation("{Job}: run {RunKey} already succeeded; not run again", name, runKey);
            return null;
        }
        string outcome, summary;
        var actions = 0;
        try
        {
            var result = await job.RunAsync(new BusinessJobContext(run.BusinessNow), cancellationToken);
            (outcome, summary, actions) = (RunOutcomes.Succeeded, result.Summary, result.ActionsRequested);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the record stays "running" and the firing is recovered by a host that stays up.
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Job}: run {RunKey} failed", name, runKey);
            (outcome, summary) = (RunOutcomes.Failed, $"{e.GetType().Name}: {e.Message}");
        }
        await runs.CompleteAsync(run.Id, outcome, summary, actions, CancellationToken.None);
        return run with { Outcome = outcome, Summary = summary, ActionsRequested = actions };
    }
}
