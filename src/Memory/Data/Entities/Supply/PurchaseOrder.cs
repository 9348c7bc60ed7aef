namespace LiveShop.Memory.Data.Entities.Supply;

/// <summary>A purchase order of stock from a supplier.</summary>
public sealed class PurchaseOrder
{
    public required string Id { get; set; }
    public required string SupplierId { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset OrderedAt { get; set; }
    public DateTimeOffset ExpectedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public decimal Total { get; set; }
    public List<PurchaseOrderLine> Lines { get; set; } = [];
}
