namespace LiveShop.Memory.Data.Entities.Catalog;

/// <summary>One change of a product's price, kept as history for the price-change rules.</summary>
public sealed class PriceChange
{
    public long Id { get; set; }
    public required string ProductId { get; set; }
    public decimal FromPrice { get; set; }
    public decimal ToPrice { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>Who changed it: a user, or <c>agent:NAME</c>.</summary>
    public required string ChangedBy { get; set; }
    public string? Reason { get; set; }
}
