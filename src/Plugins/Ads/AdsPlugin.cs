using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Ads.Platforms;
using LiveShop.Plugins.Functions;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Ads;

/// <summary>
/// Ad sets: their spend and return, and the budget changes a persona may propose. <paramref name="platforms"/> are the ad
/// platforms asked for per-platform figures (the sandbox of every platform when not given).
/// </summary>
[Description("Advertising ad sets: performance, budgets and pausing.")]
public sealed class AdsPlugin(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time, IReadOnlyList<IAdPlatform>? platforms = null)
{
    private readonly IReadOnlyList<IAdPlatform> _platforms = platforms ?? SandboxAdPlatform.ForEveryPlatform(contexts);

    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Ads";

    /// <summary>Spend, revenue and ROAS per ad set over the trailing days.</summary>
    [KernelFunction("get_ad_set_performance"), ReadOnlyFunction]
    [PlannerHints(
        ["how are the ad sets performing", "what is the return on ad spend", "show ad spend and revenue per ad set"],
        ["roas", "performing", "return on ad spend", "how are the ads", "how are our ads"])]
    [Description("Shows each ad set's status, daily budget, spend, revenue and ROAS (revenue / spend) over the last days.")]
    public async Task<string> GetAdSetPerformanceAsync(
        [Description("One ad set id, e.g. as_5; leave empty for all ad sets.")] string? ad_set_id = null,
        [Description("How many days back to look, today included (default 7).")] int days = 7,
        CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, 90);
        var window = DayWindow.Trailing(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var adSets = db.AdSets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(ad_set_id)) adSets = adSets.Where(a => a.Id == ad_set_id);
        var rows = await adSets
            .OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.Name, a.ProductId, a.Status, a.DailyBudget,
                Spend = db.AdSetDailyMetrics.In(window).Where(m => m.AdSetId == a.Id).Sum(m => (decimal?)m.Spend) ?? 0m,
                Revenue = db.AdSetDailyMetrics.In(window).Where(m => m.AdSetId == a.Id).Sum(m => (decimal?)m.Revenue) ?? 0m,
                Product = db.Products.Where(p => p.Id == a.ProductId).Select(p => new { p.Price, p.UnitCost, p.ShippingCost, p.PlatformFeePct }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && !string.IsNullOrWhiteSpace(ad_set_id)) return $"no ad set with id {ad_set_id}";
        return ModelText.Json(new
        {
            days,
            ad_sets = rows.Select(r => new
            {
                ad_set_id = r.Id, name = r.Name, product_id = r.ProductId, status = r.Status, daily_budget = r.DailyBudget,
                spend = r.Spend, revenue = r.Revenue, roas = Roas.Reported(r.Revenue, r.Spend),
                // The margin the verifier's margin floor checks a budget increase against, at this window's ROAS.
                contribution_margin_pct = r.Product is { } p && Roas.Of(r.Revenue, r.Spend) is { } roas
                    && ContributionMargin.Pct(p.Price, p.UnitCost, p.ShippingCost, p.PlatformFeePct, roas) is { } margin
                    ? Math.Round(margin, 2) : (decimal?)null,
            }),
        });
    }

    /// <summary>Spend and return per ad platform over the trailing days.</summary>
    [KernelFunction("get_ad_platform_summary"), ReadOnlyFunction]
    [PlannerHints(
        ["compare the ad platforms", "which ad platform has the best return", "ad spend per advertising platform"],
        ["ad platform", "per platform", "by platform", "each platform", "which platform", "meta ads", "google ads", "tiktok ads"])]
    [Description("Shows each advertising platform account's spend, revenue, return on ad spend, CPM, click-through rate, cost per order and active daily budgets over the last days.")]
    public async Task<string> GetAdPlatformSummaryAsync(
        [Description("One ad platform: tiktok_ads, meta_ads or google_ads; leave empty for every platform.")] string? platform = null,
        [Description("How many days back to look, today included (default 7).")] int days = 7,
        CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, 90);
        var window = DayWindow.Trailing(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), days);
        var chosen = string.IsNullOrWhiteSpace(platform) ? _platforms : _platforms.Where(p => p.IntegrationId == platform.Trim().ToLowerInvariant()).ToList();
        if (chosen.Count == 0) return $"no ad platform {platform}; platforms are {string.Join(", ", _platforms.Select(p => p.IntegrationId))}";
        var summaries = new List<AdPlatformSummary>();
        foreach (var p in chosen) summaries.Add(await p.GetSummaryAsync(window, cancellationToken));
        var spend = summaries.Sum(s => s.Spend);
        return ModelText.Json(new
        {
            days,
            total_spend = spend,
            total_revenue = summaries.Sum(s => s.Revenue),
            blended_roas = Roas.Reported(summaries.Sum(s => s.Revenue), spend),
            platforms = summaries.Select(s => new
            {
                platform = s.Platform, campaigns = s.Campaigns, active_ad_sets = s.ActiveAdSets, active_daily_budget = s.ActiveDailyBudget,
                spend = s.Spend, revenue = s.Revenue, roas = s.Roas, orders = s.Orders, cost_per_order = s.CostPerOrder,
                impressions = s.Impressions, clicks = s.Clicks, cpm = s.Cpm, ctr_pct = s.CtrPct,
            }),
        });
    }
}
