namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>
/// Sandbox mode: the business runs on the simulation's clock, so schedules are read against it. When the business clock
/// moves from one instant to the next (a simulated day played), every unpaused job whose cron was due in between is run
/// once, at the last due instant (the misfire policy in small: catch up once, then follow the schedule). The run id is
/// derived from job and instant, so two hosts observing the same advance run each slot once.
/// </summary>
public sealed class BusinessClockTrigger(SchedulerHandle schedulers)
{
    /// <summary>Asks the cluster to run the jobs due in (<paramref name="from"/>, <paramref name="to"/>]; returns the run ids, by job.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FireDueAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetAsync(cancellationToken);
        var fired = new Dictionary<string, string>(StringComparer.Ordinal);
        if (to <= from) return fired;
        foreach (var schedule in await scheduler.ListAsync(cancellationToken))
        {
            if (schedule.Paused) continue;
            DateTimeOffset? due = null;
            foreach (var at in CronSchedules.Between(schedule.Cron, from, to)) due = at;
            if (due is { } last) fired[schedule.Name] = await scheduler.RunAtBusinessInstantAsync(schedule.Name, last, cancellationToken);
        }
        return fired;
    }
}
