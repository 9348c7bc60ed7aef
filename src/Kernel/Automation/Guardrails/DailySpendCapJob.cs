using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Guardrails;

/// <summary>
/// Holds the policy's daily ad-spend cap: while the active ad sets' daily budgets add up to more than the cap (budgets set
/// outside the verifier, on the platform or before the cap was lowered), the lowest-ROAS ad sets are paused until they fit.
/// </summary>
public sealed class DailySpendCapJob(IDbContextFactory<LiveShopDbContext> contexts, PolicyInForce policies, AutomationRequester requester) : IBusinessJob
{
    /// <summary>The job's and the automation's name.</summary>
    public const string JobName = "daily_spend_cap";

    /// <inheritdoc />
    public string Name => JobName;
    /// <inheritdoc />
    public string DefaultCron => "0 20 0 * * ?";
    /// <inheritdoc />
    public string Description => "Pauses the lowest-ROAS ad sets while the active daily budgets add up to more than the daily cap.";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(cancellationToken);
        if (!policy.Automation.DailySpendCap.Enabled) return new BusinessJobResult("off in the policy (automation.daily_spend_cap.enabled)");
        var cap = policy.Ads.DailyCap;
        var day = AdSetPerformance.LastClosedDay(context.BusinessNow);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await AdSetPerformance.ReadAsync(db, day, 1, cancellationToken);
        var total = active.Sum(a => a.DailyBudget);
        if (total <= cap) return new BusinessJobResult($"active daily budgets {total:0.##} are within the cap {cap:0.##}");

        // Worst first: no spend in the window reads as ROAS 0, as the verifier's kill switch reads it.
        var paused = new List<string>();
        foreach (var adSet in active.OrderBy(a => a.ClosingRoas[^1] ?? 0m).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            if (total <= cap) break;
            await GuardrailPauses.RequestAsync(requester, JobName, day, adSet.Id,
                $"active daily budgets add up to {total:0.##}, above the cap {cap:0.##}; {adSet.Id} has the lowest 7-day ROAS ({adSet.ClosingRoas[^1]:0.00})", cancellationToken);
            total -= adSet.DailyBudget;
            paused.Add(adSet.Id);
        }
        return new BusinessJobResult($"budgets above the cap {cap:0.##}: asked to pause {string.Join(", ", paused)}", paused.Count);
    }
}
