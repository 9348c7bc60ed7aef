namespace LiveShop.Memory.Data.Entities.LiveShows;

/// <summary>A live-shopping broadcast hosted by a creator, with its audience and sales.</summary>
public sealed class LiveShow
{
    public required string Id { get; set; }
    public required string CreatorId { get; set; }
    public required string Channel { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset ScheduledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int PeakViewers { get; set; }
    public int TotalViewers { get; set; }
    public int OrdersCount { get; set; }
    public decimal Revenue { get; set; }
    public required string Status { get; set; }
    public List<LiveShowProduct> Products { get; set; } = [];
}
