using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Approvals;

/// <summary>A person known to the product, as the approval rules see them.</summary>
/// <param name="Email">Sign-in identity, compared case-insensitively.</param>
/// <param name="Role">A role the policy's <c>roles:</c> section names (<c>founder</c>, <c>approver</c>, <c>support</c>, <c>developer</c>, <c>integration</c>).</param>
/// <param name="Disabled">A disabled user can no longer act.</param>
public sealed record Principal(string Email, string Role, bool Disabled = false);

/// <summary>What an approver is asked to decide: the required approver and who asked.</summary>
public sealed record ApprovalSubject
{
    /// <summary>The action's risk level.</summary>
    public required RiskLevel RiskLevel { get; init; }

    /// <summary>Who the verdict says must approve.</summary>
    public required Approver RequiredApprover { get; init; }

    /// <summary>The principal that requested the action (a user or <c>agent:NAME</c>).</summary>
    public required string RequestedBy { get; init; }

    /// <summary>The human the request was made on behalf of, when recorded.</summary>
    public string? OnBehalfOf { get; init; }
}

/// <summary>Whether a principal may decide an approval, and why not.</summary>
public sealed record AuthorityCheck(bool Allowed, string Reason)
{
    internal static AuthorityCheck Allow(string reason) => new(true, reason);

    internal static AuthorityCheck Refuse(string reason) => new(false, reason);
}

/// <summary>
/// Who may approve what, as the policy's <c>roles:</c> section says (by default L2 the founder or an approver, L3 the founder
/// only; support and developer never approve); nobody approves their own request; disabled and unknown users cannot act.
/// A pure function of the principal, the request and the roles in force.
/// </summary>
public static class ApprovalAuthority
{
    /// <summary>Decides whether <paramref name="approver"/> (null when unknown) may decide <paramref name="subject"/> under <paramref name="roles"/>.</summary>
    public static AuthorityCheck Check(Principal? approver, ApprovalSubject subject, RolePolicy roles)
    {
        if (approver is null)
            return AuthorityCheck.Refuse("unknown user: only a registered user can decide an approval");
        if (approver.Disabled)
            return AuthorityCheck.Refuse($"{approver.Email} is disabled and cannot act");
        if (!roles.MayApprove(approver.Role, RiskLevel.L2) && !roles.MayApprove(approver.Role, RiskLevel.L3))
            return AuthorityCheck.Refuse($"{approver.Email} has the {approver.Role} role, which can never approve actions that need approval (money movement, L2 and above)");
        if (SamePerson(approver.Email, subject.RequestedBy))
            return AuthorityCheck.Refuse($"{approver.Email} requested this action and cannot approve their own request");
        // An agent's proposal made for someone is still that person's request, except for the highest authority (the founder):
        // L3 actions have no one else to approve them, and the founder confirming an agent's proposal is the control.
        if (subject.OnBehalfOf is { } behalf && SamePerson(approver.Email, behalf) && !roles.MayApprove(approver.Role, RiskLevel.L3))
            return AuthorityCheck.Refuse($"{approver.Email} asked for this action and cannot approve their own request");
        var level = subject.RequiredApprover == Approver.Founder ? RiskLevel.L3 : subject.RiskLevel;
        if (!roles.MayApprove(approver.Role, level))
            return AuthorityCheck.Refuse(level == RiskLevel.L3 && roles.ApproversOf(RiskLevel.L3) is ["founder"]
                ? $"this is an L3 action: only the founder may approve it, not {approver.Email} ({approver.Role})"
                : $"this is an {level} action: the {approver.Role} role may not approve it (roles that may: {string.Join(", ", roles.ApproversOf(level))})");
        return AuthorityCheck.Allow($"{approver.Email} ({approver.Role}) may approve an {subject.RiskLevel} action");
    }
    /// <summary>Whether two principal names denote the same person (<c>user:</c> prefix and case ignored).</summary>
    public static bool SamePerson(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string principal)
    {
        var trimmed = principal.Trim();
        return trimmed.StartsWith("user:", StringComparison.OrdinalIgnoreCase) ? trimmed[5..] : trimmed;
    }
}
