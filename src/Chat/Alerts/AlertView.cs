using System.Globalization;
using LiveShop.Kernel.Automation.Alerts;

namespace LiveShop.Chat.Alerts;

/// <summary>
/// An alert as the CLI, the API and the console show it: the stored fields, flat, plus <see cref="Seen"/>, the plain
/// sentence saying what was seen (metric, entity, observed value, expected range, window).
/// </summary>
public sealed record AlertView(
    Guid AlertId, string Kind, string Status, string Metric, string Grain, string EntityId, decimal? Observed, decimal? ExpectedLow,
    decimal? ExpectedHigh, DateTimeOffset WindowFrom, DateTimeOffset WindowTo, string Seen, string Message, string RaisedBy,
    DateTimeOffset RaisedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ResolvedBy, DateTimeOffset? ResolvedAt)
{
    /// <summary>The view of a stored alert.</summary>
    public static AlertView From(Alert alert)
    {
        var d = alert.Draft;
        return new AlertView(alert.AlertId, d.Kind, AlertStore.Code(alert.Status), d.Metric, d.Grain, d.EntityId, d.Observed, d.ExpectedLow,
            d.ExpectedHigh, d.WindowFrom, d.WindowTo, AlertWording.Seen(d), d.Message, d.RaisedBy, alert.RaisedAt, alert.AcknowledgedBy,
            alert.AcknowledgedAt, alert.ResolvedBy, alert.ResolvedAt);
    }
}

/// <summary>The words alerts are told in, the same on every surface.</summary>
public static class AlertWording
{
    /// <summary>The statuses a filter accepts, as spelled in <c>--status</c> and <c>?status=</c>.</summary>
    public static IReadOnlyList<string> StatusCodes { get; } = Enum.GetValues<AlertStatus>().Select(AlertStore.Code).ToList();

    /// <summary>Parses a status filter; false when <paramref name="code"/> is not one of <see cref="StatusCodes"/>.</summary>
    public static bool TryParseStatus(string code, out AlertStatus status)
    {
        status = default;
        var match = Enum.GetValues<AlertStatus>().Where(s => AlertStore.Code(s) == code.Trim().ToLowerInvariant()).ToList();
        if (match.Count != 1) return false;
        status = match[0];
        return true;
    }

    /// <summary>"refund spike", from <c>refund_spike</c>.</summary>
    public static string KindName(string kind) => kind.Replace('_', ' ');

    /// <summary>
    /// e.g. "refund_rate of product p_12 was 0.31, expected 0.02–0.08, from 2026-11-20 to 2026-11-27": what was seen,
    /// against what, over which window (its end excluded, so a window of whole days ends on its last day).
    /// </summary>
    public static string Seen(AlertDraft d)
    {
        var entity = d.Grain == "business" ? "the business" : $"{d.Grain.Replace('_', ' ')} {d.EntityId}";
        var observed = d.Observed is { } o ? Number(o) : "not measured";
        return $"{d.Metric} of {entity} was {observed}, expected {Range(d.ExpectedLow, d.ExpectedHigh)}, {Window(d.WindowFrom, d.WindowTo)}";
    }

    /// <summary>The expected range in words: "0.02–0.08", "at least 2.5", "at most 3", or "no range".</summary>
    public static string Range(decimal? low, decimal? high) => (low, high) switch
    {
        ({ } l, { } h) => $"{Number(l)}–{Number(h)}",
        ({ } l, null) => $"at least {Number(l)}",
        (null, { } h) => $"at most {Number(h)}",
        _ => "no range",
    };

    /// <summary>"from 2026-11-20 to 2026-11-26" for whole days (inclusive), else "from … to …" with times, UTC.</summary>
    public static string Window(DateTimeOffset from, DateTimeOffset to)
    {
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        if (from.TimeOfDay == TimeSpan.Zero && to.TimeOfDay == TimeSpan.Zero && to > from)
        {
            var last = to.AddDays(-1);
            return last.Date == from.Date ? $"on {Day(from)}" : $"from {Day(from)} to {Day(last)}";
        }
        return $"from {from.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to {to.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
    }

    /// <summary>One line: kind, entity, metric, observed vs expected range, window, status.</summary>
    public static string Line(AlertView a) =>
        $"{a.AlertId}  {a.Status,-12} {KindName(a.Kind)}: {a.Seen}";

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
