namespace LiveShop.Memory.Data.Entities.Supply;

/// <summary>A supplier the shop buys stock from, with its delivery record.</summary>
public sealed class Supplier
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string Country { get; set; }
    public int LeadTimeDays { get; set; }
    /// <summary>Share of purchase orders delivered on time, in percent (96.5 means 96.5 %).</summary>
    public decimal OnTimeRate { get; set; }
    public required string Status { get; set; }
}
