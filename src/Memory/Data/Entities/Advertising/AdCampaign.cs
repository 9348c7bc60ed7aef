namespace LiveShop.Memory.Data.Entities.Advertising;

/// <summary>An advertising campaign on one ad platform.</summary>
public sealed class AdCampaign
{
    /// <summary>Values <see cref="Platform"/> may take.</summary>
    public static readonly IReadOnlyList<string> Platforms = ["tiktok_ads", "meta_ads", "google_ads"];

    public required string Id { get; set; }
    /// <summary><c>tiktok_ads</c>, <c>meta_ads</c> or <c>google_ads</c>.</summary>
    public required string Platform { get; set; }
    public required string Name { get; set; }
    public required string Objective { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}
