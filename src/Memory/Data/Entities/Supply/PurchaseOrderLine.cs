namespace LiveShop.Memory.Data.Entities.Supply;

/// <summary>One product line of a purchase order.</summary>
public sealed class PurchaseOrderLine
{
    public long Id { get; set; }
    public required string PurchaseOrderId { get; set; }
    public required string ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitCost { get; set; }
}
