using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Rules;
using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Actions.Definitions.Ads;

/// <summary>
/// Starts a paused ad set spending again at its daily budget: the budget comes back under the daily cap, so a resume that
/// would pass the cap is denied; resuming an ad set below the ROAS kill switch is a human's call.
/// </summary>
public sealed class ResumeAdSetAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "resume_ad_set";

    /// <summary>The one definition.</summary>
    public static ResumeAdSetAction Definition { get; } = new();

    private ResumeAdSetAction() : base(ActionName, "Ads",
        "Resumes a paused ad set at its daily budget. Refused when that would pass the daily cap; an ad set below the ROAS kill switch waits for a human approval.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } = [new("ad_set_id", ParameterKind.Id, Description: "The ad set id, e.g. as_5.")];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L1;
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L2;
    /// <inheritdoc />
    public override bool Spends => true;
    /// <summary>Pausing it again.</summary>
    public override string? UndoneBy => PauseAdSetAction.ActionName;
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Advertising];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["resume the paused ad set", "turn as_4 back on", "restart the ads on that ad set"],
        ["resume", "unpause", "turn back on", "switch back on", "restart", "reactivate"]);

    /// <summary>The ad set, and the daily cap its budget comes back under.</summary>
    public override IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) => Limits.LimitedEntities.AdSetAndDailyCap(parameters);

    /// <inheritdoc />
    public override void RequestFacts(JsonElement parameters, IFactRequests facts)
    {
        if (ActionParameters.TryGetText(parameters, "ad_set_id", out var adSetId)) facts.AdSetAndActiveAdSets(adSetId);
    }

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        var policy = context.Policy.Ads;
        var facts = context.Facts;
        ActionParameters.TryGetText(context.Parameters, "ad_set_id", out var adSetId);
        if (!facts.TryGetAdSet(adSetId, out var adSet))
        {
            verdict.Deny("ad_set_known", $"ad set {adSetId} is unknown", null, null, $"no ad set {adSetId} in the facts");
            return;
        }
        var adSetFact = $"ad_set {adSet.Id} daily_budget={N(adSet.DailyBudget)} roas_7d={N(adSet.Roas7d)} status={adSet.Status}";
        if (!string.Equals(adSet.Status, "paused", StringComparison.OrdinalIgnoreCase))
        {
            verdict.Deny("ad_set_paused", $"ad set {adSet.Id} is {adSet.Status}, not paused", null, null, adSetFact);
            return;
        }
        verdict.Pass("ad_set_paused", null, null, adSetFact);

        var totalAfter = facts.ActiveDailyBudgetTotal + adSet.DailyBudget;
        var capFact = $"active ad sets' daily budgets={N(facts.ActiveDailyBudgetTotal)}";
        if (totalAfter > policy.DailyCap)
            verdict.Deny("daily_cap", $"active ad sets' daily budgets would reach {N(totalAfter)}, above the daily cap {N(policy.DailyCap)}",
                totalAfter, policy.DailyCap, capFact, adSetFact);
        else
            verdict.Pass("daily_cap", totalAfter, policy.DailyCap, capFact, adSetFact);

        if (adSet.Roas7d < policy.RoasKillSwitch)
            verdict.Escalate("kill_switch", RiskLevel.L2,
                $"ad set {adSet.Id} roas_7d {N(adSet.Roas7d)} is below the kill switch {N(policy.RoasKillSwitch)}; resuming it is a human's call",
                adSet.Roas7d, policy.RoasKillSwitch, adSetFact);
        else
            verdict.Pass("kill_switch", adSet.Roas7d, policy.RoasKillSwitch, adSetFact);
    }
}
