using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Automation.Scheduling;

/// <summary>Two hosts (two schedulers with different instance ids) sharing one database run each firing once.</summary>
public sealed class ClusteredSchedulerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Two_hosts_sharing_the_database_run_each_firing_once()
    {
        var job = new CountingJob("count_job", expected: 12);
        await using var a = await SchedulerHosts.MemberAsync(database, "host-a", job);
        await using var b = await SchedulerHosts.MemberAsync(database, "host-b", job);
        await a.StartAsync();
        await b.StartAsync();

        // Asked for through either host; whichever host fires it, each run happens once.
        var runIds = new List<string>();
        for (var i = 0; i < 12; i++) runIds.Add((await (i % 2 == 0 ? a : b).RunNowAsync("count_job")).RunId!);
        await SchedulerHosts.WithinAsync(job.Done, "twelve runs");
        await a.ShutdownAsync(waitForJobs: true);
        await b.ShutdownAsync(waitForJobs: true);

        Assert.Equal(12, job.Runs);
        var runs = await new JobRuns(database.DataSource, TimeProvider.System).RecentAsync("count_job", 100, default);
        Assert.Equal(12, runs.Count);
        Assert.Equal(runIds.Select(BusinessScheduler.RunKeyOf).Order(), runs.Select(r => r.RunKey).Order());
        Assert.All(runs, r =>
        {
            Assert.Equal(RunOutcomes.Succeeded, r.Outcome);
            Assert.Equal(TriggerKinds.RunNow, r.TriggerKind);
            Assert.Contains(r.Host, new[] { "host-a", "host-b" });
            Assert.Equal(SchedulerHosts.BusinessNow, r.BusinessNow);
            Assert.NotNull(r.EndedAt);
        });
        // Both hosts stored the job and its schedule; the store holds one of each.
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM qrtz_job_details WHERE job_name = 'count_job'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM qrtz_cron_triggers WHERE trigger_name = 'count_job'"));
    }

    [Fact]
    public async Task Schedules_are_listed_edited_paused_and_resumed_and_a_bad_cron_is_refused()
    {
        var job = new CountingJob("edit_job", expected: 1);
        await using var a = await SchedulerHosts.MemberAsync(database, "host-edit", job);

        var listed = Assert.Single(await a.ListAsync(), s => s.Name == "edit_job");
        Assert.Equal(job.DefaultCron, listed.Cron);
        Assert.False(listed.Paused);
        Assert.NotNull(listed.NextFire);

        var bad = await a.SetCronAsync("edit_job", "every day at noon");
        Assert.False(bad.Succeeded);
        Assert.Contains("not a valid cron expression", bad.Message);
        Assert.False((await a.SetCronAsync("no_such_job", "0 0 1 * * ?")).Succeeded);

        Assert.True((await a.PauseAsync("edit_job")).Succeeded);
        Assert.True((await a.SetCronAsync("edit_job", "0 30 1 * * ?")).Succeeded);
        var paused = Assert.Single(await a.ListAsync(), s => s.Name == "edit_job");
        Assert.Equal("0 30 1 * * ?", paused.Cron);
        Assert.True(paused.Paused);
        Assert.Null(paused.NextFire);

        Assert.True((await a.ResumeAsync("edit_job")).Succeeded);
        var resumed = Assert.Single(await a.ListAsync(), s => s.Name == "edit_job");
        Assert.False(resumed.Paused);
        Assert.Equal(1, resumed.NextFire!.Value.UtcDateTime.Hour);
        Assert.Equal(30, resumed.NextFire!.Value.UtcDateTime.Minute);

        // A host starting later keeps the edited schedule rather than restoring the default.
        await using var b = await SchedulerHosts.MemberAsync(database, "host-edit-2", job);
        Assert.Equal("0 30 1 * * ?", Assert.Single(await b.ListAsync(), s => s.Name == "edit_job").Cron);
    }

    [Theory]
    [InlineData("0 0 2 * * ?", true)]
    [InlineData("0 15 * * * ?", true)]
    [InlineData("", false)]
    [InlineData("* * *", false)]
    [InlineData("0 0 25 * * ?", false)]
    [InlineData("0 0 2 * * MON-XYZ", false)]
    public void Cron_expressions_are_validated(string cron, bool valid) =>
        Assert.Equal(valid, CronSchedules.Problem(cron) is null);

    [Fact]
    public void The_business_clock_finds_the_slots_due_between_two_instants()
    {
        var night = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([night.AddHours(2)], CronSchedules.Between("0 0 2 * * ?", night, night.AddDays(1)));
        Assert.Empty(CronSchedules.Between("0 0 2 * * ?", night.AddHours(2), night.AddHours(3)));
        Assert.Equal(24, CronSchedules.Between("0 0 * * * ?", night, night.AddDays(1)).Count());
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
