using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Memory.Clock;
using LiveShop.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Kernel.Tests.Automation.Scheduling;

/// <summary>Cluster members over one test database, each with its own services (as separate hosts would have) and the given jobs.</summary>
internal static class SchedulerHosts
{
    public static readonly DateTimeOffset BusinessNow = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Services(TestDatabase database, params IBusinessJob[] jobs)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.DataSource)
            .AddSingleton<IBusinessClock>(new FixedClock(BusinessNow))
            .AddSingleton<JobRuns>()
            .AddTransient<BusinessJobCatalog>()
            .AddTransient<BusinessJobRunner>();
        foreach (var job in jobs) services.AddSingleton(job);
        return services.BuildServiceProvider();
    }

    /// <summary>A member with fast check-ins, so a dead member's firings are recovered within seconds.</summary>
    public static async Task<BusinessScheduler> MemberAsync(TestDatabase database, string instanceId, params IBusinessJob[] jobs)
    {
        var scheduler = await BusinessScheduler.CreateAsync(Services(database, jobs), database.DataSource, new SchedulerOptions
        {
            InstanceId = instanceId,
            CheckinInterval = TimeSpan.FromMilliseconds(500),
            CheckinMisfireThreshold = TimeSpan.FromMilliseconds(500),
            IdleWaitTime = TimeSpan.FromSeconds(1),
        });
        await scheduler.EnsureSchedulesAsync();
        return scheduler;
    }

    public static async Task<T> WithinAsync<T>(Task<T> task, string what)
    {
        // Quartz works on its own threads; a generous bound turns a hang into a failure, it is never asserted on.
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(finished == task, $"timed out waiting for {what}");
        return await task;
    }

    private sealed class FixedClock(DateTimeOffset now) : IBusinessClock
    {
        public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default) => Task.FromResult(now);
        public bool IsSandbox => false;
    }
}

/// <summary>Counts its runs and completes a signal when the expected number has run.</summary>
internal sealed class CountingJob(string name, int expected) : IBusinessJob
{
    private int _runs;
    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;
    public string DefaultCron => "0 0 3 * * ?";
    public string Description => "counts its runs";
    public int Runs => Volatile.Read(ref _runs);
    public Task<int> Done => _done.Task;

    public Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _runs);
        if (run == expected) _done.TrySetResult(run);
        return Task.FromResult(new BusinessJobResult($"run {run} at {context.BusinessNow:O}"));
    }
}

/// <summary>Its first run hangs forever (a host that died mid-job: it never writes again); later runs complete.</summary>
internal sealed class StuckOnceJob(string name) : IBusinessJob
{
    private int _calls, _completed;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _never = new();

    public string Name => name;
    public string DefaultCron => "0 0 4 * * ?";
    public string Description => "hangs on its first run";
    public int Completed => Volatile.Read(ref _completed);
    public Task Started => _started.Task;
    public Task Recovered => _recovered.Task;

    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _started.TrySetResult();
            await _never.Task;
        }
        Interlocked.Increment(ref _completed);
        _recovered.TrySetResult();
        return new BusinessJobResult("completed after recovery");
    }
}
