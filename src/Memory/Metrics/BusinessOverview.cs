namespace LiveShop.Memory.Metrics;

/// <summary>The business at a glance over a trailing window: what the console's first page shows.</summary>
public sealed record BusinessOverview
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required decimal Revenue { get; init; }
    public required int Orders { get; init; }
    public required decimal AverageOrderValue { get; init; }
    /// <summary>See <see cref="Quantities.RefundRate"/>; zero without sales.</summary>
    public required decimal RefundRatePct { get; init; }
    /// <summary>What the window's sales have refunded (<see cref="Quantities.RefundedAmount"/>).</summary>
    public required decimal RefundedAmount { get; init; }
    /// <summary>See <see cref="Quantities.ChargebackRate"/>; zero without sales.</summary>
    public required decimal ChargebackRatePct { get; init; }
    /// <summary>What the window's sales made before ad spend (<see cref="Quantities.SalesMargins"/>).</summary>
    public required decimal ContributionMargin { get; init; }
    public required decimal AdSpend { get; init; }
    /// <summary>See <see cref="Quantities.Roas"/>, over the window's days; null without spend.</summary>
    public required decimal? Roas { get; init; }
    /// <summary>See <see cref="Quantities.DeliverySla"/>; null when nothing shipped in the window.</summary>
    public required double? SlaMetPct { get; init; }
    public required int OpenTickets { get; init; }
    public required int Products { get; init; }
    public required IReadOnlyList<TopProduct> TopProducts { get; init; }

    /// <summary>True when the database holds no business yet.</summary>
    public bool IsEmpty => Products == 0;
}

/// <summary>A product's sales in the window, with the contribution margin they made (<see cref="Quantities.SalesMargins"/>).</summary>
public sealed record TopProduct(string ProductId, string Title, string Category, int Units, decimal Revenue, decimal ContributionMargin,
    decimal Price, int Stock);
