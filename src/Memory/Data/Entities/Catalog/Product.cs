namespace LiveShop.Memory.Data.Entities.Catalog;

/// <summary>A sellable product of the catalog with its unit economics and stock level.</summary>
public sealed class Product
{
    /// <summary>Business id, e.g. <c>p_1</c>.</summary>
    public required string Id { get; set; }
    public required string Sku { get; set; }
    public required string Title { get; set; }
    public required string Category { get; set; }
    /// <summary>Current selling price in the store currency.</summary>
    public decimal Price { get; set; }
    public decimal UnitCost { get; set; }
    public decimal ShippingCost { get; set; }
    /// <summary>Platform fee in percent of the price (8.0 means 8 %).</summary>
    public decimal PlatformFeePct { get; set; }
    public int Stock { get; set; }
    /// <summary>Stock level at or below which the product should be reordered.</summary>
    public int ReorderPoint { get; set; }
    public string? SupplierId { get; set; }
    /// <summary>Lifecycle status, e.g. <c>active</c>, <c>draft</c>, <c>archived</c>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
