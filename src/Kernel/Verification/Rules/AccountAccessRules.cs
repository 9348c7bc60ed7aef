using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary><c>modify_account_access</c>: exactly one of a known role or disabled true/false; the founder approves it (L3, fixed).</summary>
internal static class AccountAccessRules
{
    public static void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        verdict.AtLeast(RiskLevel.L3);
        var hasRole = ActionParameters.TryGetText(context.Parameters, "role", out var role);
        var hasDisabled = ActionParameters.Has(context.Parameters, "disabled");
        ActionParameters.TryGetText(context.Parameters, "user", out var user);
        if (hasRole == hasDisabled)
            verdict.Deny("access_change_valid", "modify_account_access needs exactly one of 'role' or 'disabled'", null, null, $"user {user}");
        else if (hasRole && !User.Roles.Contains(role.Trim().ToLowerInvariant()))
            verdict.Deny("access_change_valid", $"'{role}' is not a role (roles: {string.Join(", ", User.Roles)})", null, null, $"user {user}");
        else
            verdict.Pass("access_change_valid", null, null, hasRole ? $"user {user} → role {role}" : $"user {user} → disabled {context.Parameters.GetProperty("disabled")}");
    }
}
