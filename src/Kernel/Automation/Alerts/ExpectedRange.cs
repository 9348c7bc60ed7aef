namespace LiveShop.Kernel.Automation.Alerts;

/// <summary>What a value is expected to be: the baseline's centre and the range around it that is still normal.</summary>
public sealed record ExpectedRange(decimal Centre, decimal Low, decimal High, int BaselinePoints)
{
    /// <summary>
    /// The robust range of <paramref name="baseline"/>: median ± <paramref name="k"/> × 1.4826 × MAD (1.4826 × MAD estimates
    /// the standard deviation of normal noise, and neither a past spike nor a quiet spell moves it much), widened to at
    /// least ± <paramref name="minHalfWidth"/> so a series that barely moves does not alert on trifles. Null without points.
    /// </summary>
    public static ExpectedRange? Of(IReadOnlyList<decimal> baseline, decimal k, decimal minHalfWidth)
    {
        if (baseline.Count == 0) return null;
        var median = Median(baseline);
        var mad = Median(baseline.Select(v => Math.Abs(v - median)).ToList());
        var half = Math.Max(k * 1.4826m * mad, minHalfWidth);
        return new ExpectedRange(median, median - half, median + half, baseline.Count);
    }

    /// <summary>
    /// The same, seasonal by weekday: each day of the baseline is first divided by its weekday's factor (the weekday's
    /// median over the overall median, when the baseline holds at least three of that weekday), and the range for
    /// <paramref name="day"/> is scaled back by that day's factor. Weekends sell more; a quiet Monday is not an incident.
    /// </summary>
    public static ExpectedRange? Seasonal(IReadOnlyList<(DateOnly Day, decimal Value)> baseline, DateOnly day, decimal k, decimal minHalfWidth)
    {
        if (baseline.Count == 0) return null;
        var overall = Median(baseline.Select(b => b.Value).ToList());
        decimal Factor(DayOfWeek weekday)
        {
            var same = baseline.Where(b => b.Day.DayOfWeek == weekday).Select(b => b.Value).ToList();
            if (same.Count < 3 || overall <= 0) return 1m;
            return Math.Clamp(Median(same) / overall, 0.5m, 2m);
        }
        var factors = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, Factor);
        var normalised = Of([.. baseline.Select(b => b.Value / factors[b.Day.DayOfWeek])], k, minHalfWidth);
        if (normalised is null) return null;
        var f = factors[day.DayOfWeek];
        return new ExpectedRange(normalised.Centre * f, normalised.Low * f, normalised.High * f, normalised.BaselinePoints);
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }
}
