namespace LiveShop.Memory.Data.Entities.Payments;

/// <summary>A chargeback or payment dispute opened against an order.</summary>
public sealed class Dispute
{
    public required string Id { get; set; }
    public required string OrderId { get; set; }
    public string? PaymentId { get; set; }
    public decimal Amount { get; set; }
    public required string Reason { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
