using System.Globalization;
using Quartz;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>
/// Names a firing so that the host recovering it after a crash finds the same name: a run-now or business-clock firing
/// carries its own run id in its data; a cron firing is its trigger and scheduled instant (on recovery, the original
/// trigger and scheduled instant Quartz hands the recovering host).
/// </summary>
internal static class RunKeys
{
    public const string RunIdKey = "liveshop_run_id";
    public const string TriggerKindKey = "liveshop_trigger_kind";
    public const string BusinessNowKey = "liveshop_business_now";

    public static string For(IJobExecutionContext context)
    {
        var data = context.MergedJobDataMap;
        if (data.TryGetValue(RunIdKey, out var id) && id is not null) return "run:" + id;
        var job = context.JobDetail.Key.Name;
        if (context.Recovering && context.RecoveringTriggerKey is { } original
            && data.TryGetValue(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime, out var scheduled) && ParseInstant(scheduled) is { } at)
            return $"{job}:{original.Name}@{at.ToUnixTimeMilliseconds()}";
        var fire = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        return $"{job}:{context.Trigger.Key.Name}@{fire.ToUnixTimeMilliseconds()}";
    }

    public static string KindOf(IJobExecutionContext context) =>
        context.MergedJobDataMap.TryGetValue(TriggerKindKey, out var kind) && kind is string k ? k : TriggerKinds.Schedule;

    public static DateTimeOffset? BusinessNowOf(IJobExecutionContext context) =>
        context.MergedJobDataMap.TryGetValue(BusinessNowKey, out var value) ? ParseInstant(value) : null;

    // Quartz stores instants in job data as strings; accept the forms it and this code write (ISO-8601, epoch ms or ticks).
    internal static DateTimeOffset? ParseInstant(object? value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        long n => FromNumber(n),
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => FromNumber(n),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };

    private static DateTimeOffset FromNumber(long n) =>
        n > 100_000_000_000_000L ? new DateTimeOffset(n, TimeSpan.Zero) : DateTimeOffset.FromUnixTimeMilliseconds(n);
}
