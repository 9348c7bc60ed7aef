using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Ads.Platforms;

/// <summary>One ad platform's delivery and return over a window.</summary>
/// <param name="Platform">The integration id (ad_campaigns.platform), e.g. <c>meta_ads</c>.</param>
/// <param name="Campaigns">Campaigns on the platform.</param>
/// <param name="ActiveAdSets">Ad sets running now.</param>
/// <param name="ActiveDailyBudget">The daily budgets of those ad sets together.</param>
/// <param name="Spend">Spend in the window.</param>
/// <param name="Revenue">Attributed revenue in the window.</param>
/// <param name="Orders">Attributed orders in the window.</param>
/// <param name="Impressions">Impressions in the window.</param>
/// <param name="Clicks">Clicks in the window.</param>
public sealed record AdPlatformSummary(string Platform, int Campaigns, int ActiveAdSets, decimal ActiveDailyBudget, decimal Spend, decimal Revenue,
    int Orders, long Impressions, long Clicks)
{
    /// <summary>See <see cref="LiveShop.Memory.Metrics.Quantities.Roas"/>.</summary>
    public decimal? Roas => LiveShop.Memory.Metrics.Quantities.Roas.Reported(Revenue, Spend);

    /// <summary>Cost per thousand impressions; null without impressions.</summary>
    public decimal? Cpm => Impressions == 0 ? null : Math.Round(Spend * 1000m / Impressions, 2);

    /// <summary>Click-through rate in percent; null without impressions.</summary>
    public decimal? CtrPct => Impressions == 0 ? null : Math.Round(100m * Clicks / Impressions, 2);

    /// <summary>Cost per attributed order; null without orders.</summary>
    public decimal? CostPerOrder => Orders == 0 ? null : Math.Round(Spend / Orders, 2);
}

/// <summary>
/// What an ad platform (TikTok Ads, Meta Ads, Google Ads) must offer: its delivery and return, and carrying out the
/// budget actions of <see cref="ContractActions"/> on its own ad sets.
/// </summary>
public interface IAdPlatform
{
    /// <summary>The contract actions (CONTRACTS.md §1) a platform carries out.</summary>
    static IReadOnlyList<string> ContractActions { get; } = ActionCatalog.ClaimableBy(IntegrationFamily.Advertising);

    /// <summary>The integration id, equal to the ad_campaigns.platform value it owns.</summary>
    string IntegrationId { get; }

    /// <summary>Spend, return and reach over the days of <paramref name="window"/>.</summary>
    Task<AdPlatformSummary> GetSummaryAsync(DayWindow window, CancellationToken cancellationToken);
}
