using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Rules;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Kernel.Actions.Definitions.Platform;

/// <summary>
/// A new role, or disabled true/false, for one user (docs/policy-changes.md): exactly one of a known role or disabled;
/// the founder approves it (L3, fixed).
/// </summary>
public sealed class ModifyAccountAccessAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "modify_account_access";

    /// <summary>The one definition.</summary>
    public static ModifyAccountAccessAction Definition { get; } = new();

    private ModifyAccountAccessAction() : base(ActionName, "Platform",
        "Changes a person's access: gives them another role (founder, approver, support, developer), or disables / re-enables them. Always waits for the founder's approval.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("user", ParameterKind.Id, Description: "The person's email, e.g. sam@shop.example."),
        new("role", ParameterKind.Text, Required: false, Description: "The new role: founder, approver, support or developer. Leave empty when disabling or re-enabling."),
        new("disabled", ParameterKind.Flag, Required: false, Description: "true to disable the person's access, false to re-enable it. Leave empty when changing the role."),
        new("reason", ParameterKind.Text, Required: false, Description: "Why the access should change, in one sentence."),
    ];
    /// <summary>The reason is a parameter of its own, so no separate justification.</summary>
    public override IReadOnlyList<FunctionArgument> Arguments => [.. Parameters.Select(FunctionArgument.For)];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L3;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["AccountAccessChanged"];
    /// <summary>Giving back the previous role or state.</summary>
    public override string? UndoneBy => ActionName;
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        [
            "give sam@shop.example the approver role", "disable the account of a person who left", "revoke someone's access",
            "make pat@shop.example a founder", "re-enable access for a user",
        ],
        ["access", "role", "revoke", "disable the account", "re-enable", "permission"]);

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        var hasRole = ActionParameters.TryGetText(context.Parameters, "role", out var role);
        var hasDisabled = ActionParameters.Has(context.Parameters, "disabled");
        ActionParameters.TryGetText(context.Parameters, "user", out var user);
        if (hasRole == hasDisabled)
            verdict.Deny("access_change_valid", $"{ActionName} needs exactly one of 'role' or 'disabled'", null, null, $"user {user}");
        else if (hasRole && !User.Roles.Contains(role.Trim().ToLowerInvariant()))
            verdict.Deny("access_change_valid", $"'{role}' is not a role (roles: {string.Join(", ", User.Roles)})", null, null, $"user {user}");
        else
            verdict.Pass("access_change_valid", null, null, hasRole ? $"user {user} → role {role}" : $"user {user} → disabled {context.Parameters.GetProperty("disabled")}");
    }
}
