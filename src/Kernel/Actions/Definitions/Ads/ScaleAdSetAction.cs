using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Rules;
using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Actions.Definitions.Ads;

/// <summary>Sets an ad set's daily budget: cuts are free; increases respect the kill switch, margin floor, daily cap and step limits.</summary>
public sealed class ScaleAdSetAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "scale_ad_set";

    /// <summary>The one definition.</summary>
    public static ScaleAdSetAction Definition { get; } = new();

    private static readonly string[] IncreaseChecks = ["kill_switch", "margin_floor", "daily_cap", "budget_step_current", "budget_step_7d"];

    private ScaleAdSetAction() : base(ActionName, "Ads",
        "Sets an ad set's daily budget. Increases above 20 % wait for a human approval; increases on unprofitable ad sets are refused.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("ad_set_id", ParameterKind.Id, Description: "The ad set id, e.g. as_5."),
        new("new_daily_budget", ParameterKind.Money, Description: "The new daily budget in the store currency, e.g. 600."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L1;
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L2;
    /// <inheritdoc />
    public override bool Spends => true;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["AdSetScaled"];
    /// <summary>Scaling back to the previous budget.</summary>
    public override string? UndoneBy => ActionName;
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Advertising];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["raise the daily budget of an ad set", "scale up the ad set to a new budget", "lower ad spend per day on as_9 to 200"],
        ["budget", "scale", "spend per day", "daily spend"]);

    /// <summary>Cuts too: a cut committed between an increase's check and its write would turn the increase into a larger step.</summary>
    public override IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) => Limits.LimitedEntities.AdSetAndDailyCap(parameters);

    /// <inheritdoc />
    public override void RequestFacts(JsonElement parameters, IFactRequests facts)
    {
        if (!ActionParameters.TryGetText(parameters, "ad_set_id", out var adSetId)) return;
        facts.AdSetAndActiveAdSets(adSetId);
        facts.ProductOfAdSet(adSetId);
        facts.BudgetChanges(adSetId);
    }

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
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

        var since = facts.AsOf.AddDays(-policy.BudgetLookbackDays);
        StepRule.CheckCurrentAndLookback(verdict, "budget", $"ad_set {adSet.Id}", adSet.DailyBudget, facts.BudgetInForceAt(adSet.Id, since),
            since, policy.BudgetLookbackDays, budget, policy.BudgetStepPct, adSetFact);
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
}
