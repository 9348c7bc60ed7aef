using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Automation.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Schedules;

/// <summary>A serving host with the scheduler on: it joins the cluster and runs a job asked for through the shared schedule.</summary>
public sealed class ServeSchedulerTests(ServeSchedulerTests.SchedulingServer server) : IClassFixture<ServeSchedulerTests.SchedulingServer>
{
    public sealed class SchedulingServer : LiveShopServer
    {
        protected override bool SchedulerEnabled => true;
        protected override int SeedDays => 14;
    }

    [Fact]
    public async Task The_serving_host_runs_a_job_asked_for_now_and_records_it()
    {
        var scheduler = await server.Services.GetRequiredService<SchedulerHandle>().GetAsync();
        Assert.Contains(scheduler.Quartz.Status.ToString(), new[] { "Started", "Running" });
        var asked = await scheduler.RunNowAsync("product_scan");
        Assert.True(asked.Succeeded);

        var runs = server.Services.GetRequiredService<JobRuns>();
        var key = BusinessScheduler.RunKeyOf(asked.RunId!);
        JobRun? run = null;
        // Quartz fires on its own threads: wait for the record to finish, bounded generously (never asserted on time).
        for (var attempt = 0; attempt < 480 && (run is null || run.Outcome == RunOutcomes.Running); attempt++)
        {
            await Task.Delay(250);
            run = await runs.FindAsync(key, default);
        }
        Assert.NotNull(run);
        Assert.Equal(RunOutcomes.Succeeded, run.Outcome);
        Assert.Equal(scheduler.InstanceId, run.Host);
        Assert.Contains("days to", run.Summary);
    }
}
