using System.Globalization;

namespace LiveShop.Memory.Metrics.Store;

/// <summary>A metrics question as people type it (CLI options, query string): every field text, defaults not yet applied.</summary>
/// <param name="Metric">A name of <see cref="MetricCatalog"/>.</param>
/// <param name="Grain">business (default), channel, product or ad_set.</param>
/// <param name="Id">The channel, product or ad set; not needed at the business grain.</param>
/// <param name="From">A date (its midnight UTC) or an ISO-8601 instant; default: 30 days (hourly: 2 days) before <paramref name="To"/>.</param>
/// <param name="To">A date (through its end) or an instant, excluded; default: the end of the newest stored hour.</param>
/// <param name="Resolution">day (default) or hour.</param>
public sealed record MetricQuery(string? Metric, string? Grain = null, string? Id = null, string? From = null, string? To = null, string? Resolution = null);

/// <summary>The answer: what was asked, resolved (entity, range, resolution), the metric's meaning and its points.</summary>
public sealed record MetricAnswer(string Metric, string Description, string Grain, string EntityId, string Resolution,
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MetricPoint> Points);

/// <summary>Reads the text fields of a <see cref="MetricQuery"/>; failures name their field.</summary>
public static class MetricQueryText
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    /// <summary>
    /// A date or an instant: a date means its midnight UTC, or with <paramref name="endOfDay"/> the next midnight (so
    /// <c>--to 2026-11-30</c> includes the 30th); an instant without an offset is UTC.
    /// </summary>
    public static DateTimeOffset ParseInstant(string field, string text, bool endOfDay)
    {
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        throw new MetricQueryException(field, $"'{text}' is neither a date (yyyy-MM-dd) nor an ISO-8601 instant");
    }
}
