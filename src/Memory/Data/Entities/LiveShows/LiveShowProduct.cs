namespace LiveShop.Memory.Data.Entities.LiveShows;

/// <summary>A product featured in a live show, at the show's price.</summary>
public sealed class LiveShowProduct
{
    public required string LiveShowId { get; set; }
    public required string ProductId { get; set; }
    /// <summary>When the product was pinned on screen, if it was.</summary>
    public DateTimeOffset? PinnedAt { get; set; }
    public decimal ShowPrice { get; set; }
}
