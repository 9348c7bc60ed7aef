using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>schedules list [--json] | set NAME --cron C | pause NAME | resume NAME | run NAME</c>: the business jobs' shared
/// schedule (every host reads the same one). <c>run</c> joins the cluster until the run it asked for has finished.
/// </summary>
internal static class SchedulesCommand
{
    public const int FailedExitCode = 1;

    public static Command Create()
    {
        var schedules = new Command("schedules", "The business jobs' schedules: list, edit the cron, pause, resume, run now.");
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "Each job with its cron (UTC), next fire, last run and outcome.") { json };
        list.SetAction((result, ct) => WithSchedulerAsync(result, async scheduler =>
        {
            var views = await scheduler.ListAsync(ct);
            if (result.GetValue(json))
            {
                result.Out().WriteLine(JsonSerializer.Serialize(new { Schedules = views.Select(ScheduleJson.From) }, JsonDefaults.Options));
                return 0;
            }
            foreach (var v in views)
                result.Out().WriteLine($"{v.Name,-22} {v.Cron,-18} {(v.Paused ? "paused" : $"next {v.NextFire:yyyy-MM-dd HH:mm}Z"),-24} " +
                                       $"{(v.LastRun is { } r ? $"last {r.StartedAt:yyyy-MM-dd HH:mm}Z {r.Outcome}: {r.Summary}" : "never run")}");
            return 0;
        }, ct));

        var setName = new Argument<string>("name") { Description = "Job name" };
        var cron = new Option<string>("--cron") { Description = "Quartz cron expression, seconds first, UTC (e.g. '0 0 2 * * ?')", Required = true };
        var set = new Command("set", "Give a job a new cron schedule.") { setName, cron };
        set.SetAction((result, ct) => WithSchedulerAsync(result, async scheduler =>
            Report(result, await scheduler.SetCronAsync(result.GetValue(setName)!, result.GetValue(cron)!, ct)), ct));

        schedules.Add(list);
        schedules.Add(set);
        schedules.Add(Simple("pause", "Stop a job firing on its schedule until resumed.", (s, n, ct) => s.PauseAsync(n, ct)));
        schedules.Add(Simple("resume", "Resume a paused job (a firing missed while paused runs once now).", (s, n, ct) => s.ResumeAsync(n, ct)));
        schedules.Add(CreateRun());
        return schedules;
    }

    private static Command Simple(string verb, string description, Func<BusinessScheduler, string, CancellationToken, Task<ScheduleChange>> change)
    {
        var name = new Argument<string>("name") { Description = "Job name" };
        var command = new Command(verb, description) { name };
        command.SetAction((result, ct) => WithSchedulerAsync(result, async scheduler => Report(result, await change(scheduler, result.GetValue(name)!, ct)), ct));
        return command;
    }

    private static Command CreateRun()
    {
        var name = new Argument<string>("name") { Description = "Job name" };
        var run = new Command("run", "Run a job now, once across the cluster, and print its run record when it has finished.") { name };
        run.SetAction((result, ct) => WithSchedulerAsync(result, async scheduler =>
        {
            var asked = await scheduler.RunNowAsync(result.GetValue(name)!, ct);
            if (!asked.Succeeded) return Report(result, asked);
            // This process joins the cluster until the run is recorded as finished, whichever host runs it.
            await scheduler.StartAsync(ct);
            var runs = scheduler.Services.GetRequiredService<JobRuns>();
            var key = BusinessScheduler.RunKeyOf(asked.RunId!);
            JobRun? finished;
            while ((finished = await runs.FindAsync(key, ct)) is null || finished.Outcome == RunOutcomes.Running)
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            await scheduler.ShutdownAsync(waitForJobs: true, ct);
            result.Out().WriteLine(JsonSerializer.Serialize(ScheduleJson.Run(finished), JsonDefaults.Options));
            return finished.Outcome == RunOutcomes.Succeeded ? 0 : FailedExitCode;
        }, ct));
        return run;
    }

    private static int Report(ParseResult result, ScheduleChange change)
    {
        if (!change.Succeeded)
        {
            result.Error().WriteLine(change.Message);
            return LiveShopCli.UsageExitCode;
        }
        result.Out().WriteLine(change.Message);
        return 0;
    }

    private static async Task<int> WithSchedulerAsync(ParseResult result, Func<BusinessScheduler, Task<int>> action, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
        var scheduler = await host.Services.GetRequiredService<SchedulerHandle>().GetAsync(cancellationToken);
        return await action(scheduler);
    }
}

/// <summary>The JSON shape of a schedule and a run, shared by the CLI and <c>GET /api/schedules</c>.</summary>
internal static class ScheduleJson
{
    public static object From(ScheduleView v) => new
    {
        v.Name, v.Description, v.Cron, v.DefaultCron, v.Paused, v.NextFire, LastRun = v.LastRun is { } r ? Run(r) : null,
    };

    public static object Run(JobRun r) => new
    {
        r.Job, r.RunKey, r.TriggerKind, r.BusinessNow, r.StartedAt, r.EndedAt, r.Outcome, r.Summary, r.ActionsRequested, r.Host, r.Attempts,
    };
}
