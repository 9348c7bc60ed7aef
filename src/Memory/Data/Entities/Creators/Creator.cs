namespace LiveShop.Memory.Data.Entities.Creators;

/// <summary>A creator (affiliate / live host) who sells the shop's products for a commission.</summary>
public sealed class Creator
{
    public required string Id { get; set; }
    public required string Handle { get; set; }
    public required string Platform { get; set; }
    public required string Tier { get; set; }
    /// <summary>Commission in percent of the order total (12.5 means 12.5 %).</summary>
    public decimal CommissionPct { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset OnboardedAt { get; set; }
}
