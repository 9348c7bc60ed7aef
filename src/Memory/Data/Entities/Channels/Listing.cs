namespace LiveShop.Memory.Data.Entities.Channels;

/// <summary>A product's listing on one sales channel (Shopify, TikTok Shop, YouTube, …).</summary>
public sealed class Listing
{
    public required string Id { get; set; }
    public required string ProductId { get; set; }
    /// <summary>Sales channel, e.g. <c>shopify</c>, <c>tiktok_shop</c>, <c>youtube</c>.</summary>
    public required string Channel { get; set; }
    /// <summary>The channel's own id for the listing, once published.</summary>
    public string? ExternalId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public decimal Price { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}
