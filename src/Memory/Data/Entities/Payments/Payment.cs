namespace LiveShop.Memory.Data.Entities.Payments;

/// <summary>A payment taken for an order through a payment provider.</summary>
public sealed class Payment
{
    public required string Id { get; set; }
    public required string OrderId { get; set; }
    /// <summary>Payment provider, e.g. <c>stripe</c>, <c>tiktok_shop</c>.</summary>
    public required string Provider { get; set; }
    /// <summary>The provider's id for the payment (e.g. a Stripe PaymentIntent <c>pi_…</c>); refunds through a live connector need it.</summary>
    public string? ExternalId { get; set; }
    public decimal Amount { get; set; }
    /// <summary>The provider's processing fee.</summary>
    public decimal Fee { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset? CapturedAt { get; set; }
}
