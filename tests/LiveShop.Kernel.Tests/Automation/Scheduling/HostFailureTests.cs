using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Automation.Scheduling;

/// <summary>A host killed mid-job: another host recovers the firing, which runs to completion once and shows once.</summary>
public sealed class HostFailureTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_host_killed_mid_job_loses_nothing_and_repeats_nothing()
    {
        var job = new StuckOnceJob("stuck_job");
        var runs = new JobRuns(database.DataSource, TimeProvider.System);
        var a = await SchedulerHosts.MemberAsync(database, "host-dies", job);
        await using var b = await SchedulerHosts.MemberAsync(database, "host-stays", job);

        await a.StartAsync();
        var runId = (await a.RunNowAsync("stuck_job")).RunId!;
        await SchedulerHosts.WithinAsync(job.Started.ContinueWith(_ => 0), "the first host to start the job");
        var during = await runs.FindAsync(BusinessScheduler.RunKeyOf(runId), default);
        Assert.Equal(RunOutcomes.Running, during!.Outcome);
        Assert.Equal("host-dies", during.Host);

        // The host dies: it stops without waiting and its job never reports back.
        await a.ShutdownAsync(waitForJobs: false);
        await b.StartAsync();
        await SchedulerHosts.WithinAsync(job.Recovered.ContinueWith(_ => 0), "the other host to recover the firing");
        await b.ShutdownAsync(waitForJobs: true);

        var after = await runs.RecentAsync("stuck_job", 10, default);
        var run = Assert.Single(after);
        Assert.Equal(BusinessScheduler.RunKeyOf(runId), run.RunKey);
        Assert.Equal(RunOutcomes.Succeeded, run.Outcome);
        Assert.Equal("host-stays", run.Host);
        Assert.Equal(2, run.Attempts);
        Assert.Equal(during.BusinessNow, run.BusinessNow);
        Assert.Equal(1, job.Completed);
    }
}
