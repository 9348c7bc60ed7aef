using LiveShop.Kernel.Policies.Changes;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary><c>change_policy</c>: the changed policy must load (known settings, right types, valid document); the founder approves it (L3, fixed).</summary>
internal static class PolicyChangeRules
{
    public static void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        verdict.AtLeast(RiskLevel.L3);
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
