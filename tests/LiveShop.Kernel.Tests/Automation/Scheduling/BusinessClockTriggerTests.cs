using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveShop.Kernel.Tests.Automation.Scheduling;

/// <summary>Sandbox mode: a simulated night, seen as the business clock moving past 02:00, runs the nightly job once.</summary>
public sealed class BusinessClockTriggerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_simulated_night_runs_the_nightly_job_once_at_its_business_instant()
    {
        var nightly = new CountingJob("nightly_job", expected: 1);   // cron 0 0 3 * * ?
        var hourly = new CountingJob("hourly_job", expected: 1);
        var services = SchedulerHosts.Services(database, nightly, hourly);
        await using var member = await SchedulerHosts.MemberAsync(database, "host-sandbox", nightly, hourly);
        Assert.True((await member.SetCronAsync("hourly_job", "0 0 * * * ?")).Succeeded);
        Assert.True((await member.PauseAsync("hourly_job")).Succeeded);
        await member.StartAsync();
        var handle = new SchedulerHandle(services, database.DataSource, Options.Create(new SchedulerOptions { InstanceId = "host-sandbox-edit" }));
        var trigger = new BusinessClockTrigger(handle);

        var day = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        // Midnight to 02:59: nothing is due yet.
        Assert.Empty(await trigger.FireDueAsync(day, day.AddHours(2).AddMinutes(59)));
        // The simulation plays the rest of the day: the nightly slot (03:00) is due; the paused hourly job is not run.
        var fired = await trigger.FireDueAsync(day.AddHours(2).AddMinutes(59), day.AddDays(1));
        Assert.Equal(["nightly_job"], fired.Keys);
        await SchedulerHosts.WithinAsync(nightly.Done, "the nightly job");
        // The same advance observed again (another host, a retry) asks for the same run id and runs nothing more.
        Assert.Equal(fired["nightly_job"], (await trigger.FireDueAsync(day, day.AddDays(1)))["nightly_job"]);
        await member.ShutdownAsync(waitForJobs: true);
        await handle.DisposeAsync();

        var run = Assert.Single(await new JobRuns(database.DataSource, TimeProvider.System).RecentAsync("nightly_job", 10, default));
        Assert.Equal(TriggerKinds.BusinessClock, run.TriggerKind);
        Assert.Equal(day.AddHours(3), run.BusinessNow);
        Assert.Equal(RunOutcomes.Succeeded, run.Outcome);
        Assert.Equal(1, nightly.Runs);
        Assert.Equal(0, hourly.Runs);
    }
}
