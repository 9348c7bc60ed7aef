using LiveShop.Kernel.Policies;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary>Actions whose risk class the policy fixes (L0 reports, L2 supplier payments, L3 founder-only actions).</summary>
internal static class FixedRiskRules
{
    /// <summary>The policy's fixed class for an action, or null when the policy does not fix one.</summary>
    public static RiskLevel? ClassOf(RiskClasses risk, string action) =>
        Contains(risk.L3Actions, action) ? RiskLevel.L3
        : Contains(risk.L2Actions, action) ? RiskLevel.L2
        : Contains(risk.L1Actions, action) ? RiskLevel.L1
        : Contains(risk.L0Actions, action) ? RiskLevel.L0
        : null;

    public static void Evaluate(string action, RiskLevel level, VerdictBuilder verdict)
    {
        var fact = $"{action} is {level} in the policy";
        switch (level)
        {
            case RiskLevel.L3:
                verdict.Escalate("risk_class", RiskLevel.L3, $"{action} always needs the founder's approval (L3)", null, null, fact);
                break;
            case RiskLevel.L2:
                verdict.Escalate("risk_class", RiskLevel.L2, $"{action} always needs an approver (L2)", null, null, fact);
                break;
            default:
                verdict.AtLeast(level);
                verdict.Pass("risk_class", null, null, fact);
                break;
        }
    }

    private static bool Contains(IReadOnlyList<string> actions, string action)
    {
        for (var i = 0; i < actions.Count; i++)
            if (string.Equals(actions[i], action, StringComparison.Ordinal)) return true;
        return false;
    }
}
