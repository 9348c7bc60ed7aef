using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Approvals;

/// <summary>
/// Opens approval requests and moves them through their states. Only an authorised principal decides; the first valid
/// decision wins (a conditional update in <see cref="ApprovalStore"/>), repeating it is harmless, a conflicting one is
/// refused; an expired request never executes. Every request and decision is an event.
/// </summary>
public sealed class ApprovalGate(ApprovalStore store, PlatformEvents events, UserDirectory users, PolicyInForce policies, TimeProvider time, ApprovalOptions options)
{
    // Who an expiry or a supersession is recorded as decided by: the platform, not a person.
    private const string PlatformActor = "liveshop.gateway";

    private const string ExpiredUndecided = "expired before a decision";

    /// <summary>Opens a request for a signed require_approval verdict (or returns the open one for the same action id).</summary>
    public async Task<ApprovalRecord> RequestAsync(ActionPacket packet, Verdict verdict, string? onBehalfOf, CancellationToken cancellationToken)
    {
        if (verdict.Decision != Decision.RequireApproval)
            throw new ArgumentException("only a require_approval verdict opens an approval request", nameof(verdict));
        var argumentsHash = ActionHashes.Arguments(packet.ProposedAction, packet.Parameters);
        if (await store.FindPendingAsync(packet.ActionId, argumentsHash, cancellationToken) is { } open) return open;

        var now = time.GetUtcNow();
        var approval = new ApprovalRecord
        {
            ApprovalId = Guid.NewGuid(),
            ActionId = packet.ActionId,
            Action = packet.ProposedAction,
            Parameters = packet.Parameters.Clone(),
            ArgumentsHash = argumentsHash,
            RiskLevel = verdict.RiskLevel.ToString(),
            RequiredApprover = ApproverCode(verdict.Approver),
            RequestedBy = packet.RequestedBy ?? onBehalfOf ?? "unknown",
            OnBehalfOf = onBehalfOf,
            RequestedAt = now,
            ExpiresAt = now + options.Expiry,
            Status = ApprovalStatus.Pending,
            Verdict = verdict,
            Packet = packet,
        };
        await store.AddAsync(approval, cancellationToken);
        await events.AppendAsync("ApprovalRequested", approval.ApprovalId.ToString(), new
        {
            ApprovalId = approval.ApprovalId.ToString(), approval.ActionId, approval.Action, approval.RiskLevel,
            approval.RequiredApprover, approval.RequestedBy, approval.ExpiresAt, approval.ArgumentsHash,
        }, cancellationToken);
        return approval;
    }

    /// <summary>The approval, or null.</summary>
    public Task<ApprovalRecord?> GetAsync(Guid approvalId, CancellationToken cancellationToken) => store.GetAsync(approvalId, cancellationToken);

    /// <summary>Approvals, newest first, optionally of one status (pending requests past their expiry are marked expired first).</summary>
    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalStatus? status, int limit, CancellationToken cancellationToken)
    {
        foreach (var id in await store.OverdueAsync(time.GetUtcNow(), cancellationToken))
            await CloseAsync(id, ApprovalStatus.Expired, ExpiredUndecided, cancellationToken);
        return await store.ListAsync(status, limit, cancellationToken);
    }

    /// <summary>
    /// Approves or rejects as <paramref name="approverEmail"/>, who must be authorised for the request; a rejection needs a
    /// reason. Only a pending, unexpired request can be decided.
    /// </summary>
    public async Task<ApprovalDecisionResult> DecideAsync(Guid approvalId, string approverEmail, ApprovalVote vote, string? reason, CancellationToken cancellationToken)
    {
        if (vote == ApprovalVote.Reject && string.IsNullOrWhiteSpace(reason))
            return new(ApprovalDecisionStatus.Invalid, "a rejection needs a reason", null);
        var decision = vote == ApprovalVote.Approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
        var principal = await users.FindAsync(approverEmail, cancellationToken);
        var roles = (await policies.GetAsync(cancellationToken)).Roles;
        var approval = await store.GetAsync(approvalId, cancellationToken);
        if (approval is null) return new(ApprovalDecisionStatus.NotFound, $"no approval {approvalId}", null);

        var authority = ApprovalAuthority.Check(principal, Subject(approval), roles);
        if (!authority.Allowed) return new(ApprovalDecisionStatus.Refused, authority.Reason, approval);
        if (!approval.Status.IsOpen()) return Settled(approval, principal!.Email, decision);
        var now = time.GetUtcNow();
        if (now >= approval.ExpiresAt) return await ExpiredAsync(approval, cancellationToken);

        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!await store.TryDecideAsync(approvalId, decision, principal!.Email, now, trimmed, cancellationToken))
        {
            // Someone decided between our read and write, or the request lapsed: report what it is now.
            var current = (await store.GetAsync(approvalId, cancellationToken))!;
            return current.Status.IsOpen() ? await ExpiredAsync(current, cancellationToken) : Settled(current, principal.Email, decision);
        }
        var decided = approval with { Status = decision, DecidedBy = principal.Email, DecidedAt = now, DecisionReason = trimmed };
        await events.AppendAsync("ApprovalDecided", $"{approvalId}:{decision.Code()}", new
        {
            ApprovalId = approvalId.ToString(), decided.ActionId, decided.Action, Decision = decision.Code(),
            decided.DecidedBy, Reason = decided.DecisionReason,
        }, cancellationToken);
        return new(ApprovalDecisionStatus.Decided, $"{decision.Code()} by {decided.DecidedBy}", decided);
    }

    /// <summary>Marks an approved request as executed, or as superseded when fresh facts changed its verdict, or expired.</summary>
    public async Task<bool> CloseAsync(Guid approvalId, ApprovalStatus status, string reason, CancellationToken cancellationToken)
    {
        var changed = await store.TryCloseAsync(approvalId, status, reason, cancellationToken);
        if (changed && status != ApprovalStatus.Executed)
        {
            var approval = await store.GetAsync(approvalId, cancellationToken);
            await events.AppendAsync("ApprovalDecided", $"{approvalId}:{status.Code()}", new
            {
                ApprovalId = approvalId.ToString(), approval!.ActionId, approval.Action, Decision = status.Code(), DecidedBy = PlatformActor, Reason = reason,
            }, cancellationToken);
        }
        return changed;
    }

    private async Task<ApprovalDecisionResult> ExpiredAsync(ApprovalRecord approval, CancellationToken cancellationToken)
    {
        await CloseAsync(approval.ApprovalId, ApprovalStatus.Expired, ExpiredUndecided, cancellationToken);
        return new(ApprovalDecisionStatus.Expired, $"approval {approval.ApprovalId} expired at {approval.ExpiresAt.UtcDateTime:O}; it will never execute",
            await store.GetAsync(approval.ApprovalId, cancellationToken));
    }

    /// <summary>What the approval rules need to know of a request.</summary>
    public static ApprovalSubject Subject(ApprovalRecord approval) => new()
    {
        RiskLevel = Enum.Parse<RiskLevel>(approval.RiskLevel),
        RequiredApprover = approval.RequiredApprover == ApproverCode(Approver.Founder) ? Approver.Founder : Approver.AnyApprover,
        RequestedBy = approval.RequestedBy,
        OnBehalfOf = approval.OnBehalfOf,
    };

    private static ApprovalDecisionResult Settled(ApprovalRecord approval, string approver, ApprovalStatus decision)
    {
        var sameDecision = approval.Status == decision || (decision == ApprovalStatus.Approved && approval.Status == ApprovalStatus.Executed);
        if (sameDecision && approval.DecidedBy is { } by && ApprovalAuthority.SamePerson(by, approver))
            return new(ApprovalDecisionStatus.AlreadyDecided, $"already {decision.Code()} by {by}", approval);
        var verb = decision == ApprovalStatus.Approved ? "approve" : "reject";
        var who = approval.DecidedBy is null ? "" : $" by {approval.DecidedBy}";
        return new(approval.Status == ApprovalStatus.Expired ? ApprovalDecisionStatus.Expired : ApprovalDecisionStatus.Conflict,
            $"cannot {verb}: the approval is already {approval.Status.Code()}{who}", approval);
    }

    /// <summary>The stored code of the approver a verdict requires.</summary>
    public static string ApproverCode(Approver approver) => approver switch
    {
        Approver.Founder => "founder",
        Approver.AnyApprover => "any_approver",
        _ => "none",
    };
}
