namespace LiveShop.Memory.Data.Entities.Advertising;

/// <summary>An ad set's delivery and results on one day, the basis of ROAS.</summary>
public sealed class AdSetDailyMetric
{
    public required string AdSetId { get; set; }
    public DateOnly Date { get; set; }
    public decimal Spend { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    /// <summary>Orders attributed to the ad set that day.</summary>
    public int Orders { get; set; }
    /// <summary>Revenue attributed to the ad set that day.</summary>
    public decimal Revenue { get; set; }
}
