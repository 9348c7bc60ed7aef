using LiveShop.Kernel.Automation.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>A business job's schedule as shown: its cron, whether it is paused, when it fires next and its last run.</summary>
public sealed record ScheduleView(
    string Name, string Description, string Cron, string DefaultCron, bool Paused, DateTimeOffset? NextFire, JobRun? LastRun);

/// <summary>What a schedule change did: refused with the reason, or done.</summary>
public sealed record ScheduleChange(bool Succeeded, string Message, string? RunId = null);

/// <summary>
/// The clustered Quartz scheduler over the PostgreSQL job store (tables <c>qrtz_*</c>): every <see cref="IBusinessJob"/>
/// is a durable Quartz job keyed by its name (group <see cref="Group"/>) that requests recovery, with one cron trigger of
/// the same name. Misfire policy: fire once now, then resume the schedule (<see cref="CronTriggerMisfireInstruction.FireAndProceed"/>),
/// so a host that was down runs each missed job once, not once per missed slot. A scheduler that is not started still
/// edits the shared schedule (the CLI does so); only started ones run jobs.
/// </summary>
public sealed class BusinessScheduler : IAsyncDisposable
{
    /// <summary>The cluster's scheduler name (every host uses it, so they share one schedule).</summary>
    public const string SchedulerName = "LiveShop";

    /// <summary>The group of the business jobs and their triggers.</summary>
    public const string Group = "business";

    private readonly StandaloneSchedulerFactory _factory;
    private readonly IServiceProvider _services;

    private BusinessScheduler(StandaloneSchedulerFactory factory, IScheduler scheduler, IServiceProvider services)
    {
        _factory = factory;
        Quartz = scheduler;
        _services = services;
    }

    /// <summary>The Quartz scheduler underneath.</summary>
    public IScheduler Quartz { get; }

    /// <summary>The application services the jobs come from.</summary>
    public IServiceProvider Services => _services;

    /// <summary>This host's instance id in the cluster.</summary>
    public string InstanceId => Quartz.SchedulerInstanceId;

    /// <summary>Builds a cluster member over <paramref name="dataSource"/> whose jobs come from <paramref name="services"/>; not started.</summary>
    public static async Task<BusinessScheduler> CreateAsync(IServiceProvider services, NpgsqlDataSource dataSource, SchedulerOptions options, CancellationToken cancellationToken = default)
    {
        var instanceId = options.ResolveInstanceId();
        var factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                s.InstanceId = instanceId;
                s.IdleWaitTime = options.IdleWaitTime;
                s.DefaultMisfireHandling = DefaultMisfireHandling.FireAndProceed;
            });
            q.UseJobFactory(new BusinessJobFactory(services));
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(source => source.DataSourceFactory = _ => dataSource);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.CheckinInterval;
                    c.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
                });
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(s =>
                {
                    s.TablePrefix = "qrtz_";
                    s.MisfireThreshold = options.MisfireThreshold;
                });
            });
        }).Build();
        var scheduler = await factory.GetScheduler(cancellationToken);
        return new BusinessScheduler(factory, scheduler, services);
    }

    /// <summary>Stores every registered job (description refreshed) and gives each new one its default cron; edited schedules are kept.</summary>
    public async Task EnsureSchedulesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var job in Catalog().All)
        {
            var detail = JobBuilder.Create<BusinessJobRunner>().WithIdentity(JobKeyOf(job.Name)).WithDescription(job.Description)
                .StoreDurably().RequestRecovery().DisallowConcurrentExecution().Build();
            await Quartz.AddJob(detail, AddJobOptions.Replacing, cancellationToken);
            if (!await Quartz.Exists(TriggerKeyOf(job.Name), cancellationToken))
                await Quartz.ScheduleTrigger(CronTrigger(job.Name, job.DefaultCron), TriggerConflict.Keep, cancellationToken);
        }
    }

    /// <summary>Starts running jobs on this host.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default) => await Quartz.Start(cancellationToken);

    /// <summary>Stops this host; <paramref name="waitForJobs"/> false leaves running firings to be recovered elsewhere.</summary>
    public async Task ShutdownAsync(bool waitForJobs, CancellationToken cancellationToken = default)
    {
        if (Quartz.Status.ToString() != "Shutdown") await Quartz.Shutdown(waitForJobs, cancellationToken);
    }

    /// <summary>Every registered job's schedule, by name.</summary>
    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var last = await _services.GetRequiredService<JobRuns>().LatestByJobAsync(cancellationToken);
        var views = new List<ScheduleView>();
        foreach (var job in Catalog().All)
        {
            var trigger = await Quartz.GetTrigger(TriggerKeyOf(job.Name), cancellationToken) as ICronTrigger;
            var state = trigger is null ? TriggerState.None : await Quartz.GetTriggerState(trigger.Key, cancellationToken);
            views.Add(new ScheduleView(job.Name, job.Description, trigger?.CronExpressionString ?? job.DefaultCron, job.DefaultCron,
                state == TriggerState.Paused, state == TriggerState.Paused ? null : trigger?.NextFireTimeUtc, last.GetValueOrDefault(job.Name)));
        }
        return views;
    }

    /// <summary>Gives <paramref name="name"/> a new cron (validated); a paused schedule stays paused.</summary>
    public async Task<ScheduleChange> SetCronAsync(string name, string cron, CancellationToken cancellationToken = default)
    {
        if (Unknown(name) is { } unknown) return unknown;
        if (CronSchedules.Problem(cron) is { } problem) return new ScheduleChange(false, problem);
        var key = TriggerKeyOf(name);
        var paused = await Quartz.GetTriggerState(key, cancellationToken) == TriggerState.Paused;
        var trigger = CronTrigger(name, cron.Trim());
        if (await Quartz.Exists(key, cancellationToken)) await Quartz.RescheduleJob(key, trigger, cancellationToken);
        else await Quartz.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        if (paused) await Quartz.PauseTrigger(key, cancellationToken);
        return new ScheduleChange(true, $"{name} now runs on '{cron.Trim()}' (UTC){(paused ? "; it stays paused" : "")}");
    }

    /// <summary>Stops <paramref name="name"/> firing on its schedule until resumed (run-now still works).</summary>
    public async Task<ScheduleChange> PauseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (Unknown(name) is { } unknown) return unknown;
        await Quartz.PauseTrigger(TriggerKeyOf(name), cancellationToken);
        return new ScheduleChange(true, $"{name} is paused");
    }

    /// <summary>Resumes <paramref name="name"/>; a firing missed while paused runs once now (the misfire policy).</summary>
    public async Task<ScheduleChange> ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        if (Unknown(name) is { } unknown) return unknown;
        await Quartz.ResumeTrigger(TriggerKeyOf(name), cancellationToken);
        return new ScheduleChange(true, $"{name} is resumed");
    }

    /// <summary>Asks the cluster to run <paramref name="name"/> now; the run is recorded under <c>run:</c> + the returned run id.</summary>
    public async Task<ScheduleChange> RunNowAsync(string name, CancellationToken cancellationToken = default)
    {
        if (Unknown(name) is { } unknown) return unknown;
        var runId = $"{name}:{Guid.NewGuid():N}";
        await Quartz.TriggerJob(JobKeyOf(name), new JobDataMap
        {
            [RunKeys.RunIdKey] = runId,
            [RunKeys.TriggerKindKey] = TriggerKinds.RunNow,
        }, cancellationToken);
        return new ScheduleChange(true, $"{name} will run now", runId);
    }

    /// <summary>
    /// Asks the cluster to run <paramref name="name"/> at business instant <paramref name="businessNow"/> (sandbox mode).
    /// The run id is derived from both, so the same simulated slot asked for twice runs once.
    /// </summary>
    public async Task<string> RunAtBusinessInstantAsync(string name, DateTimeOffset businessNow, CancellationToken cancellationToken = default)
    {
        var runId = $"{name}@business:{businessNow.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";
        await Quartz.TriggerJob(JobKeyOf(name), new JobDataMap
        {
            [RunKeys.RunIdKey] = runId,
            [RunKeys.TriggerKindKey] = TriggerKinds.BusinessClock,
            [RunKeys.BusinessNowKey] = businessNow.ToUniversalTime().ToString("O"),
        }, cancellationToken);
        return runId;
    }

    /// <summary>The run key a run id is recorded under.</summary>
    public static string RunKeyOf(string runId) => "run:" + runId;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(waitForJobs: true);
        await _factory.DisposeAsync();
    }

    private BusinessJobCatalog Catalog() => _services.GetRequiredService<BusinessJobCatalog>();

    private ScheduleChange? Unknown(string name) => Catalog().Find(name) is null
        ? new ScheduleChange(false, $"no job named '{name}'; known jobs: {string.Join(", ", Catalog().All.Select(j => j.Name))}")
        : null;

    private static JobKey JobKeyOf(string name) => new(name, Group);

    private static TriggerKey TriggerKeyOf(string name) => new(name, Group);

    private static ITrigger CronTrigger(string name, string cron) =>
        TriggerBuilder.Create().WithIdentity(TriggerKeyOf(name)).ForJob(JobKeyOf(name))
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
}
