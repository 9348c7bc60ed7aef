namespace LiveShop.Memory.Data.Entities.Payments;

/// <summary>A refund requested for (part of) an order.</summary>
public sealed class Refund
{
    public required string Id { get; set; }
    public required string OrderId { get; set; }
    public required string CustomerId { get; set; }
    public decimal Amount { get; set; }
    public required string Reason { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}
