namespace LiveShop.Kernel.Automation.Jobs;

/// <summary>
/// A routine the business runs on a schedule (order sync, product scan, reconciliation, snapshots). The scheduler runs
/// every job registered in DI as <see cref="IBusinessJob"/> on its cron, once across all hosts; <c>simulate</c> calls the
/// same jobs directly on the simulated clock. A job that wants something done submits it through the action pipeline as
/// <c>automation:&lt;name&gt;</c>; nothing it does bypasses the verifier or the gateway.
/// </summary>
public interface IBusinessJob
{
    /// <summary>Stable snake_case name: the schedule's key, the CLI's argument and the run record's job.</summary>
    string Name { get; }

    /// <summary>Quartz cron expression (seconds first) the schedule starts with until someone edits it.</summary>
    string DefaultCron { get; }

    /// <summary>One sentence on what the job does, for the Schedules page and <c>schedules list</c>.</summary>
    string Description { get; }

    /// <summary>Runs once at <see cref="BusinessJobContext.BusinessNow"/>; the summary says what it did.</summary>
    Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken);
}

/// <summary>What a job run is given: the business clock's instant (the simulation's clock in sandbox mode).</summary>
public sealed record BusinessJobContext(DateTimeOffset BusinessNow);

/// <summary>What a job run did, in words, and how many actions it submitted to the action pipeline.</summary>
public sealed record BusinessJobResult(string Summary, int ActionsRequested = 0);
