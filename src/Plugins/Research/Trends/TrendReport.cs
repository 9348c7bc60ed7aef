namespace LiveShop.Plugins.Research.Trends;

/// <summary>Sales of one product or category in the recent window against the window before it.</summary>
public sealed record TrendLine
{
    /// <summary>The product id, or the category name for a category line.</summary>
    public required string Key { get; init; }

    /// <summary>The product's title (null for a category).</summary>
    public string? Title { get; init; }

    /// <summary>The product's category.</summary>
    public required string Category { get; init; }

    /// <summary>Units sold in the recent window.</summary>
    public required int UnitsRecent { get; init; }

    /// <summary>Units sold in the window before.</summary>
    public required int UnitsPrevious { get; init; }

    /// <summary>Revenue in the recent window.</summary>
    public required decimal RevenueRecent { get; init; }

    /// <summary>Revenue in the window before.</summary>
    public required decimal RevenuePrevious { get; init; }

    /// <summary>Revenue growth in percent; null when nothing sold in the window before (a new seller).</summary>
    public decimal? GrowthPct => RevenuePrevious == 0 ? null : Math.Round(100m * (RevenueRecent - RevenuePrevious) / RevenuePrevious, 1);
}

/// <summary>Trend signals: the fastest-growing products and categories over the last days against the days before.</summary>
public sealed record TrendReport
{
    /// <summary>The end of the recent window.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Days in each of the two windows.</summary>
    public required int WindowDays { get; init; }

    /// <summary>Products, fastest-growing first.</summary>
    public required IReadOnlyList<TrendLine> Products { get; init; }

    /// <summary>Categories, fastest-growing first.</summary>
    public required IReadOnlyList<TrendLine> Categories { get; init; }

    /// <summary>Products whose sales fell the most.</summary>
    public required IReadOnlyList<TrendLine> Declining { get; init; }
}

/// <summary>Ranks trend lines; pure so the ranking rule is tested without a database.</summary>
public static class TrendRanking
{
    /// <summary>A line must sell at least this many units in the recent window to count as a trend, not noise.</summary>
    public const int MinimumUnits = 3;

    /// <summary>Growing lines first: new sellers, then by growth percent, then by revenue gained; ties by key.</summary>
    public static IReadOnlyList<TrendLine> Growing(IEnumerable<TrendLine> lines, int limit) =>
        lines.Where(l => l.UnitsRecent >= MinimumUnits && l.RevenueRecent > l.RevenuePrevious)
            .OrderByDescending(l => l.GrowthPct ?? decimal.MaxValue)
            .ThenByDescending(l => l.RevenueRecent - l.RevenuePrevious)
            .ThenBy(l => l.Key, StringComparer.Ordinal)
            .Take(limit).ToList();

    /// <summary>Lines that sold in the window before and fell the most in percent.</summary>
    public static IReadOnlyList<TrendLine> Declining(IEnumerable<TrendLine> lines, int limit) =>
        lines.Where(l => l.UnitsPrevious >= MinimumUnits && l.RevenueRecent < l.RevenuePrevious)
            .OrderBy(l => l.GrowthPct)
            .ThenBy(l => l.Key, StringComparer.Ordinal)
            .Take(limit).ToList();
}
