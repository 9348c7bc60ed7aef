namespace LiveShop.Memory.Data.Entities.Orders;

/// <summary>A customer order with the facts the fraud and refund rules look at.</summary>
public sealed class Order
{
    /// <summary>Business id, e.g. <c>o_1042</c>.</summary>
    public required string Id { get; set; }
    public required string CustomerId { get; set; }
    public required string Channel { get; set; }
    /// <summary>The channel's own id for the order (e.g. a Shopify order GID) when it came from a live connector.</summary>
    public string? ExternalId { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public required string Status { get; set; }
    public decimal Subtotal { get; set; }
    public decimal ShippingFee { get; set; }
    public decimal Total { get; set; }
    /// <summary>ISO 4217 currency code.</summary>
    public required string Currency { get; set; }
    public required string Ip { get; set; }
    public required string DeviceId { get; set; }
    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string BillingCountry { get; set; }
    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string ShippingCountry { get; set; }
    /// <summary>Whether this is the customer's first order.</summary>
    public bool FirstOrder { get; set; }
    /// <summary>The live show the order came from, if any.</summary>
    public string? LiveShowId { get; set; }
    /// <summary>The creator credited with the sale, if any.</summary>
    public string? CreatorId { get; set; }
    public DateTimeOffset? FulfilledAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}
