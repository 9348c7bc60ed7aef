using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Proofs;

namespace LiveShop.Kernel.Actions;

/// <summary>
/// The role check every action request passes before the verifier: the person a request is made by or for (the gateway
/// caller, the chat, Slack or Teams user an agent acts for, the goal's creator, the one who undoes) must have a role the
/// policy lets request the action. A refusal files no approval and runs nothing; it is logged and recorded as an
/// <c>ActionDenied</c> event at stage <c>role</c>. Requests with no person behind them (<c>agent:</c>, <c>automation:</c>,
/// <c>goal:</c>, <c>policy:</c>) are bounded by the persona's allow-list and ceiling instead.
/// </summary>
public sealed class RequestAuthority(
    PolicyInForce policies, UserDirectory users, PlatformEvents events, DecisionLog decisionLog, ProofSigner signer, TimeProvider time)
{
    /// <summary>Requester prefixes that name a machine principal, not a person.</summary>
    public static readonly IReadOnlyList<string> MachinePrefixes = ["agent:", "automation:", "goal:", "policy:"];

    /// <summary>The invariant id a role refusal records in its verdict.</summary>
    public const string CheckId = "role_may_request";

    /// <summary>Null when the request may go on to the verifier; otherwise the denied outcome (already logged and recorded).</summary>
    public async Task<ActionOutcome?> RefuseAsync(ActionPacket packet, string? onBehalfOf, CancellationToken cancellationToken)
    {
        var person = PersonOf(packet.RequestedBy, onBehalfOf);
        if (person is null) return null;
        var policy = await policies.GetAsync(cancellationToken);
        var principal = await users.FindAsync(person, cancellationToken);
        var reason = Decide(policy.Roles, person, principal, packet.ProposedAction);
        if (reason is null) return null;

        var now = time.GetUtcNow();
        var verdict = signer.Sign(new Verdict
        {
            ActionId = packet.ActionId, Decision = Decision.Deny, RiskLevel = RiskLevel.L0, Approver = Approver.None, Reasons = [reason],
            Proof = new Proof
            {
                PolicyVersion = policy.Version, StateVersion = "role", Action = packet.ProposedAction,
                ParametersHash = Verifier.HashParameters(packet.Parameters),
                InvariantChecks = [new InvariantCheck { Id = CheckId, Status = CheckStatus.Fail, Facts = [$"{person} role={principal?.Role ?? "(none)"}"] }],
                IssuedAt = now, ExpiresAt = now,
            },
        });
        await decisionLog.WriteAsync(packet, verdict, "denied: " + reason, cancellationToken);
        await events.AppendAsync("ActionDenied", $"{packet.ActionId}:role", new
        {
            packet.ActionId, Action = packet.ProposedAction, Reason = reason, Stage = "role", policy.Version,
        }, cancellationToken);
        return new ActionOutcome { Packet = packet, Verdict = verdict, Status = ActionStatus.Denied, Message = "denied: " + reason + "; nothing was done" };
    }

    /// <summary>
    /// The person whose role bounds a request: the human an agent acts for, else a requester that is not a machine
    /// principal (an email, with or without <c>user:</c>); null when no person stands behind it.
    /// </summary>
    public static string? PersonOf(string? requestedBy, string? onBehalfOf)
    {
        if (!string.IsNullOrWhiteSpace(onBehalfOf)) return Strip(onBehalfOf);
        if (string.IsNullOrWhiteSpace(requestedBy)) return null;
        return MachinePrefixes.Any(p => requestedBy.TrimStart().StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? null : Strip(requestedBy);
    }

    /// <summary>Null when <paramref name="principal"/> may request <paramref name="action"/>; otherwise why not, naming the role and the action.</summary>
    public static string? Decide(RolePolicy roles, string person, Principal? principal, string action)
    {
        if (principal is null) return $"{person} is not a known user, so no role allows them to request {action}";
        if (principal.Disabled) return $"{principal.Email} is disabled and may not request {action}";
        if (roles.Of(principal.Role) is null) return $"the {principal.Role} role is not in the policy's roles, so it may not request {action}";
        return roles.MayRequest(principal.Role, action)
            ? null
            : $"the {principal.Role} role may not request {action} ({principal.Email}); ask someone whose role allows it";
    }

    private static string Strip(string principal)
    {
        var trimmed = principal.Trim();
        return trimmed.StartsWith("user:", StringComparison.OrdinalIgnoreCase) ? trimmed[5..] : trimmed;
    }
}
