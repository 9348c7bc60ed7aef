namespace LiveShop.Memory.Data.Entities.Orders;

/// <summary>One product line of an order.</summary>
public sealed class OrderLine
{
    public long Id { get; set; }
    public required string OrderId { get; set; }
    public required string ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal LineTotal { get; set; }
}
