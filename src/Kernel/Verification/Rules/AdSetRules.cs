using LiveShop.Kernel.Verification.Facts;
using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary><c>scale_ad_set</c>: cuts are free; increases respect the kill switch, margin floor, daily cap and step limits.</summary>
internal static class AdSetRules
{
    private static readonly string[] IncreaseChecks = ["kill_switch", "margin_floor", "daily_cap", "budget_step_current", "budget_step_7d"];

    public static void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        verdict.AtLeast(RiskLevel.L1);
        var policy = context.Policy.Ads;
        var facts = context.Facts;
        ActionParameters.TryGetText(context.Parameters, "ad_set_id", out var adSetId);
        ActionParameters.TryGetDecimal(context.Parameters, "new_daily_budget", out var budget);

        if (!facts.TryGetAdSet(adSetId, out var adSet))
        {
            verdict.Deny("ad_set_known", $"ad set {adSetId} is unknown", null, null, $"no ad set {adSetId} in the facts");
            return;
        }
        var adSetFact = $"ad_set {adSet.Id} daily_budget={N(adSet.DailyBudget)} roas_7d={N(adSet.Roas7d)} status={adSet.Status}";
        if (budget <= 0)
        {
            verdict.Deny("budget_positive", $"new daily budget {N(budget)} must be above 0", budget, 0m, adSetFact);
            return;
        }
        if (budget <= adSet.DailyBudget)
        {
            verdict.Pass("budget_increase", budget, adSet.DailyBudget, adSetFact, "a cut or no change: allowed");
            foreach (var id in IncreaseChecks) verdict.NotApplicable(id, "not an increase");
            return;
        }

        if (adSet.Roas7d < policy.RoasKillSwitch)
            verdict.Deny("kill_switch", $"ad set {adSet.Id} roas_7d {N(adSet.Roas7d)} is below the kill switch {N(policy.RoasKillSwitch)}; no increase",
                adSet.Roas7d, policy.RoasKillSwitch, adSetFact);
        else
            verdict.Pass("kill_switch", adSet.Roas7d, policy.RoasKillSwitch, adSetFact);

        CheckMargin(context, verdict, adSet, adSetFact);

        var totalAfter = facts.ActiveDailyBudgetTotal - (BusinessFacts.IsActive(adSet) ? adSet.DailyBudget : 0m) + budget;
        var capFact = $"active ad sets' daily budgets={N(facts.ActiveDailyBudgetTotal)}";
        if (totalAfter > policy.DailyCap)
            verdict.Deny("daily_cap", $"active ad sets' daily budgets would reach {N(totalAfter)}, above the daily cap {N(policy.DailyCap)}",
                totalAfter, policy.DailyCap, capFact, adSetFact);
        else
            verdict.Pass("daily_cap", totalAfter, policy.DailyCap, capFact, adSetFact);

        CheckStep(verdict, "budget_step_current", "the current budget", adSet.DailyBudget, budget, policy.BudgetStepPct, adSetFact);
        var since = facts.AsOf.AddDays(-policy.BudgetLookbackDays);
        var earlier = facts.BudgetInForceAt(adSet.Id, since);
        var earlierFact = earlier is { } e
            ? $"ad_set {adSet.Id} budget in force {policy.BudgetLookbackDays} days ago={N(e)}"
            : $"ad_set {adSet.Id} no budget change since {T(since)}; in force {policy.BudgetLookbackDays} days ago={N(adSet.DailyBudget)}";
        CheckStep(verdict, "budget_step_7d", $"the budget in force {policy.BudgetLookbackDays} days ago", earlier ?? adSet.DailyBudget,
            budget, policy.BudgetStepPct, earlierFact);
    }

    private static void CheckMargin(in RuleContext context, VerdictBuilder verdict, AdSetFact adSet, string adSetFact)
    {
        var floor = context.Policy.Ads.MarginFloorPct;
        if (adSet.ProductId is null || !context.Facts.TryGetProduct(adSet.ProductId, out var product))
        {
            verdict.Deny("margin_floor", $"ad set {adSet.Id} has no known product; its margin cannot be projected", null, floor, adSetFact);
            return;
        }
        var margin = ContributionMargin.ProjectedPct(product, adSet, out var roas, out var roasSource);
        var facts = new[]
        {
            adSetFact,
            $"product {product.Id} price={N(product.Price)} unit_cost={N(product.UnitCost)} shipping_cost={N(product.ShippingCost)} fees_pct={N(product.FeesPct)}",
            $"roas used={N(roas)} ({roasSource})",
        };
        if (margin is not { } value)
            verdict.Deny("margin_floor", $"ad set {adSet.Id} margin cannot be projected (price or roas not above 0)", null, floor, facts);
        else if (value < floor)
            verdict.Deny("margin_floor", $"projected contribution margin {Pct(value)} is below the floor {Pct(floor)}", value, floor, facts);
        else
            verdict.Pass("margin_floor", value, floor, facts);
    }

    internal static void CheckStep(VerdictBuilder verdict, string id, string against, decimal baseline, decimal proposed, decimal stepPct, string fact)
    {
        if (baseline <= 0)
        {
            verdict.Escalate(id, RiskLevel.L2, $"a change from {against} of {N(baseline)} cannot be sized; needs approval", null, stepPct, fact);
            return;
        }
        var changePct = Math.Abs(proposed - baseline) * 100m / baseline;
        // Compare without division so "exactly 20 %" is never lost to rounding.
        if (Math.Abs(proposed - baseline) * 100m > baseline * stepPct)
            verdict.Escalate(id, RiskLevel.L2, $"change of {Pct(changePct)} from {against} ({N(baseline)}) is above {Pct(stepPct)}", changePct, stepPct, fact);
        else
            verdict.Pass(id, changePct, stepPct, fact);
    }
}

/// <summary>Projected contribution margin of an ad set's product, as the verify contract defines it.</summary>
public static class ContributionMargin
{
    /// <summary>
    /// 100 × (price − unit_cost − shipping_cost − price × fees_pct/100 − price / roas) / price, with roas = projected_roas
    /// when given, else roas_7d; null when price or roas is not above 0.
    /// </summary>
    public static decimal? ProjectedPct(ProductFact product, AdSetFact adSet, out decimal roas, out string roasSource)
    {
        (roas, roasSource) = adSet.ProjectedRoas is { } projected ? (projected, "projected_roas") : (adSet.Roas7d, "roas_7d");
        return Memory.Metrics.Quantities.ContributionMargin.Pct(product.Price, product.UnitCost, product.ShippingCost, product.FeesPct, roas);
    }
}
