using Quartz;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>Cron expressions as the scheduler reads them (Quartz format, seconds first, UTC).</summary>
public static class CronSchedules
{
    /// <summary>Null when <paramref name="cron"/> is a valid Quartz cron expression, else why not (for the person who typed it).</summary>
    public static string? Problem(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) return "the cron expression is empty";
        try
        {
            var expression = new CronExpression(cron.Trim());
            return expression.GetNextValidTimeAfter(DateTimeOffset.UnixEpoch) is null && expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null
                ? $"'{cron}' never fires"
                : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"'{cron}' is not a valid cron expression ({e.Message}); the format is Quartz's, seconds first, e.g. '0 0 2 * * ?' for 02:00 every day";
        }
    }

    /// <summary>The instants in (<paramref name="after"/>, <paramref name="until"/>] at which <paramref name="cron"/> fires (UTC).</summary>
    public static IEnumerable<DateTimeOffset> Between(string cron, DateTimeOffset after, DateTimeOffset until)
    {
        var expression = new CronExpression(cron);
        var expressionUtc = expression.WithTimeZone(TimeZoneInfo.Utc);
        for (var next = expressionUtc.GetNextValidTimeAfter(after); next is { } at && at <= until; next = expressionUtc.GetNextValidTimeAfter(at))
            yield return at;
    }
}
