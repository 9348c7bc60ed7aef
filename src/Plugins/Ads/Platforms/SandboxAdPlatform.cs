using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Integrations;
using Microsoft.EntityFrameworkCore;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Ads.Platforms;

/// <summary>
/// The sandbox of every ad platform: answers for one integration id from the campaigns, ad sets and daily metrics whose
/// campaign runs on that platform. Its actions are carried out by the sandbox executors.
/// </summary>
public sealed class SandboxAdPlatform(IDbContextFactory<LiveShopDbContext> contexts, string integrationId) : IAdPlatform
{
    /// <summary>One sandbox platform per advertising integration of the catalog, in catalog order.</summary>
    public static IReadOnlyList<IAdPlatform> ForEveryPlatform(IDbContextFactory<LiveShopDbContext> contexts) =>
        IntegrationCatalog.All.Where(i => i.Family == IntegrationFamily.Advertising).Select(i => (IAdPlatform)new SandboxAdPlatform(contexts, i.Id)).ToList();

    /// <inheritdoc />
    public string IntegrationId => integrationId;

    /// <inheritdoc />
    public async Task<AdPlatformSummary> GetSummaryAsync(DayWindow window, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaigns = db.AdCampaigns.Where(c => c.Platform == integrationId);
        var adSets = db.AdSets.AsNoTracking().Where(a => campaigns.Any(c => c.Id == a.CampaignId));
        var campaignCount = await campaigns.CountAsync(cancellationToken);
        var active = await adSets.Where(a => a.Status == "active")
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Budget = g.Sum(a => a.DailyBudget) })
            .SingleOrDefaultAsync(cancellationToken);
        var metrics = await db.AdSetDailyMetrics.AsNoTracking().In(window)
            .Where(m => adSets.Any(a => a.Id == m.AdSetId))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Spend = g.Sum(m => m.Spend), Revenue = g.Sum(m => m.Revenue), Orders = g.Sum(m => m.Orders),
                Impressions = g.Sum(m => m.Impressions), Clicks = g.Sum(m => m.Clicks),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return new AdPlatformSummary(integrationId, campaignCount, active?.Count ?? 0, active?.Budget ?? 0m, metrics?.Spend ?? 0m,
            metrics?.Revenue ?? 0m, metrics?.Orders ?? 0, metrics?.Impressions ?? 0, metrics?.Clicks ?? 0);
    }
}
