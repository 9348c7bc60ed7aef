using LiveShop.Memory.Data.Entities.Advertising;

namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Return on ad spend: revenue the ad platforms attribute to the ads divided by what the ads spent, both summed over the
/// whole days of a <see cref="DayWindow"/> (the trailing N days include today). Null without spend; reported to two places,
/// compared unrounded.
/// </summary>
public static class Roas
{
    /// <summary>The window of the verifier's and the ad reports' <c>roas_7d</c>.</summary>
    public const int TrailingDays = 7;

    /// <summary>ROAS of <paramref name="revenue"/> attributed to <paramref name="spend"/>; null without spend.</summary>
    public static decimal? Of(decimal revenue, decimal spend) => spend == 0 ? null : revenue / spend;

    /// <summary>ROAS as reports show it: two decimal places.</summary>
    public static decimal? Reported(decimal revenue, decimal spend) => Of(revenue, spend) is { } roas ? Math.Round(roas, 2) : null;

    /// <summary>The daily metrics inside <paramref name="window"/>.</summary>
    public static IQueryable<AdSetDailyMetric> In(this IQueryable<AdSetDailyMetric> metrics, DayWindow window) =>
        metrics.Where(m => m.Date >= window.From && m.Date < window.To);

    /// <summary>
    /// The same definition as SQL: ROAS of the ad set aliased <c>a</c> over the days from <c>$2</c> (included) to <c>$3</c>
    /// (excluded), NULL without spend; for the verifier's one-round-trip batch.
    /// </summary>
    public const string SqlOfAdSet =
        "(SELECT sum(m.revenue) / nullif(sum(m.spend), 0) FROM ad_set_daily_metrics m WHERE m.ad_set_id = a.id AND m.date >= $2 AND m.date < $3)";
}
