namespace LiveShop.Memory.Data.Entities.Advertising;

/// <summary>An ad set promoting one product within a campaign, with its daily budget.</summary>
public sealed class AdSet
{
    /// <summary>Values <see cref="Status"/> may take.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["active", "paused"];

    /// <summary>Business id, e.g. <c>as_7</c>.</summary>
    public required string Id { get; set; }
    public required string CampaignId { get; set; }
    public required string ProductId { get; set; }
    public required string Name { get; set; }
    public decimal DailyBudget { get; set; }
    /// <summary><c>active</c> or <c>paused</c>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
