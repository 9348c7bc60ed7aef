using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using LiveShop.Memory.Metrics.Quantities;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Guardrails;

/// <summary>
/// Stops paying to sell at a loss: a product whose contribution over the last N closed days (its sales' margins less
/// refunds, as <see cref="SalesMargins"/> defines them, less its active ad sets' spend) is negative has those ad sets
/// paused. Runs nightly.
/// </summary>
public sealed class NegativeMarginPauseJob(IDbContextFactory<LiveShopDbContext> contexts, PolicyInForce policies, AutomationRequester requester) : IBusinessJob
{
    /// <summary>The job's and the automation's name.</summary>
    public const string JobName = "negative_margin_pause";

    /// <inheritdoc />
    public string Name => JobName;
    /// <inheritdoc />
    public string DefaultCron => "0 25 0 * * ?";
    /// <inheritdoc />
    public string Description => "Pauses the ad sets of products whose contribution after ad spend was negative over the policy's window.";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(cancellationToken);
        var guardrail = policy.Automation.NegativeMarginPause;
        if (!guardrail.Enabled) return new BusinessJobResult("off in the policy (automation.negative_margin_pause.enabled)");
        var day = AdSetPerformance.LastClosedDay(context.BusinessNow);
        var window = DayWindow.Trailing(day, Math.Max(1, guardrail.Days));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await AdSetPerformance.ReadAsync(db, day, window.Days, cancellationToken);
        if (active.Count == 0) return new BusinessJobResult("no active ad set");

        var margins = (await SalesMargins.OfAsync(db, db.Orders.PlacedIn(window.AsTimeWindow()), cancellationToken)).ByProduct();
        var losing = active.GroupBy(a => a.ProductId)
            .Select(g => (ProductId: g.Key, AdSets: g.ToList(), Contribution: margins.GetValueOrDefault(g.Key) - g.Sum(a => a.Spend)))
            // A product that spent nothing in the window is not losing money to its ads.
            .Where(p => p.Contribution < 0 && p.AdSets.Sum(a => a.Spend) > 0)
            .OrderBy(p => p.ProductId, StringComparer.Ordinal).ToList();
        var requested = 0;
        foreach (var product in losing)
            foreach (var adSet in product.AdSets)
            {
                await GuardrailPauses.RequestAsync(requester, JobName, day, adSet.Id,
                $"{product.ProductId} made {SalesMargins.Reported(product.Contribution):0.00} after ad spend over {window.From:yyyy-MM-dd}..{window.LastDay:yyyy-MM-dd}; its ad set {adSet.Id} spent {adSet.Spend:0.00}", cancellationToken);
                requested++;
            }
        return new BusinessJobResult(losing.Count == 0
            ? $"no product lost money after ad spend over {window.From:yyyy-MM-dd}..{window.LastDay:yyyy-MM-dd}"
            : $"asked to pause the ad sets of {string.Join(", ", losing.Select(p => p.ProductId))}", requested);
    }
}
