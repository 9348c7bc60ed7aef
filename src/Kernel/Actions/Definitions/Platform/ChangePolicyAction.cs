using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Rules;

namespace LiveShop.Kernel.Actions.Definitions.Platform;

/// <summary>
/// Changes the business policy, as dotted-path changes to the policy in force or a whole policy document
/// (docs/policy-changes.md): the changed policy must load (known settings, right types, valid document); the founder approves it (L3, fixed).
/// </summary>
public sealed class ChangePolicyAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "change_policy";

    /// <summary>The one definition.</summary>
    public static ChangePolicyAction Definition { get; } = new();

    private ChangePolicyAction() : base(ActionName, "Platform",
        "Changes settings of the business policy (limits, thresholds, banned claims, risk classes). Always waits for the founder's approval.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("changes", ParameterKind.Object, Required: false, Description:
            "The settings to change as a JSON object of dotted paths and new values, e.g. {\"refunds.auto_refund_max\": 150}. " +
            "Sections: refunds, ads, pricing, inventory, fraud, listings, risk, proofs."),
        new("policy_yaml", ParameterKind.Text, Required: false, Description: "A whole policy document."),
        new("reason", ParameterKind.Text, Required: false, Description: "Why the policy should change, in one sentence."),
    ];
    /// <summary>The model proposes dotted-path changes; whole documents come from the console and the CLI.</summary>
    public override IReadOnlyList<FunctionArgument> Arguments =>
        [FunctionArgument.For(Parameters[0]) with { Required = true }, FunctionArgument.For(Parameters[2]), FunctionArgument.Justification];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L3;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["PolicyChanged"];
    /// <summary>Changing the policy back to the version it replaced.</summary>
    public override string? UndoneBy => ActionName;
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        [
            "change the business policy so refunds up to 150 need no approval", "raise the auto refund limit in the policy",
            "update the policy threshold for the daily ad cap", "add a banned claim to the listing policy",
        ],
        ["policy", "policies", "threshold", "auto refund limit", "banned claim"]);

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        var proposed = PolicyChangeProposal.Apply(context.Policy, context.Parameters);
        if (proposed.Error is { } error)
        {
            verdict.Deny("policy_loads", $"the policy change is refused: {error}", null, null, $"policy in force {context.Policy.Version[..12]}");
            return;
        }
        var changed = proposed.Changes.Select(c => $"{c.Path}: {c.From.GetRawText()} → {c.To.GetRawText()}").ToArray();
        verdict.Pass("policy_loads", proposed.Changes.Count, null,
            [$"policy in force {context.Policy.Version[..12]} → proposed {proposed.Policy!.Version[..12]}", .. changed]);
    }
}
