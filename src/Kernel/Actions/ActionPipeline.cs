using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Automation;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Proofs;

namespace LiveShop.Kernel.Actions;

/// <summary>
/// facts → verifier → signed proof → decision log → gateway (allow), approval request (require_approval) or nothing
/// (deny). Approved actions are verified again against fresh facts before they run: if the verdict changed, the old
/// approval is superseded and the action goes through the pipeline anew. The facts read and the execution of actions
/// whose limits read the same running totals are serialized (<see cref="LimitLocks"/>); no lock is held while a human
/// decides. While the kill switch (<see cref="AutonomySwitch"/>) is off, automation's requests wait for the founder.
/// </summary>
public sealed class ActionPipeline(
    PolicyInForce policies, IFactsProvider facts, ProofSigner signer, ToolGateway gateway, ApprovalGate approvals,
    DecisionLog decisionLog, PlatformEvents events, UserDirectory users, LimitLocks limits, RequestAuthority requests, TimeProvider time,
    AutonomySwitch? autonomy = null) : IActionPipeline
{
    /// <inheritdoc />
    public Task<ActionOutcome> SubmitAsync(ActionPacket packet, CancellationToken cancellationToken = default) =>
        SubmitAsync(packet, packet.OnBehalfOf, cancellationToken);

    /// <summary>Submits on behalf of a human (who then cannot approve the request either).</summary>
    public async Task<ActionOutcome> SubmitAsync(ActionPacket packet, string? onBehalfOf, CancellationToken cancellationToken)
    {
        // Before the verifier: a role that may not request the action files nothing and runs nothing (every path submits here).
        if (await requests.RefuseAsync(packet, onBehalfOf, cancellationToken) is { } refused) return refused;
        Verdict verdict;
        GatewayResult? executed;
        try
        {
            // Locked before the facts are read and until the executor has committed, so the next action on the same order,
            // customer, ad set, product or cash is verified against a state that includes this one.
            await using var lease = await limits.AcquireAsync(packet, cancellationToken);
            verdict = await VerifyAsync(packet, cancellationToken);
            // A retry of an action already executed under its idempotency key answers that execution, whatever the
            // facts (which now include it) would say of running it a second time.
            executed = verdict.Decision == Decision.Allow
                ? await gateway.ExecuteAsync(packet, verdict, null, cancellationToken)
                : await gateway.EarlierOutcomeAsync(packet, cancellationToken);
        }
        catch (LimitsBusyException busy)
        {
            return await BusyAsync(packet, busy, "submit it again", cancellationToken);
        }
        if (executed is not null) return await ReportAsync(packet, verdict, executed, cancellationToken);

        if (verdict.Decision == Decision.Deny)
        {
            await decisionLog.WriteAsync(packet, verdict, "denied", cancellationToken);
            await events.AppendAsync("ActionDenied", $"{packet.ActionId}:verifier", new
            {
                packet.ActionId, Action = packet.ProposedAction, Reason = string.Join("; ", verdict.Reasons), Stage = "verifier", verdict.Proof.PolicyVersion,
            }, cancellationToken);
            return Outcome(packet, verdict, ActionStatus.Denied, "denied: " + string.Join("; ", verdict.Reasons));
        }

        // Filed after the locks are released: the approval executes later, verified again under them.
        var approval = await approvals.RequestAsync(packet, verdict, onBehalfOf, cancellationToken);
        await decisionLog.WriteAsync(packet, verdict, $"awaiting_approval {approval.ApprovalId}", cancellationToken);
        var who = approval.NeedsFounder ? "the founder" : "an approver";
        return Outcome(packet, verdict, ActionStatus.AwaitingApproval,
            $"awaiting approval {approval.ApprovalId} by {who} ({verdict.RiskLevel}): {string.Join("; ", verdict.Reasons)}") with { ApprovalId = approval.ApprovalId };
    }

    /// <summary>
    /// Approves as <paramref name="approverEmail"/> (authority checked), then executes after re-verifying against fresh facts.
    /// Surfaces decide through <see cref="ApprovalService"/>, which calls this.
    /// </summary>
    public async Task<ApprovalExecution> ApproveAndExecuteAsync(Guid approvalId, string approverEmail, string? reason, CancellationToken cancellationToken)
    {
        var decision = await approvals.DecideAsync(approvalId, approverEmail, ApprovalVote.Approve, reason, cancellationToken);
        if (!decision.Succeeded) return new ApprovalExecution(decision, null);
        var approval = decision.Approval!;
        var packet = approval.Packet;

        Verdict fresh;
        string? changed;
        GatewayResult? executed = null;
        try
        {
            // The human has decided; only now are the limits locked, for the fresh verification and the execution.
            await using var lease = await limits.AcquireAsync(packet, cancellationToken);
            fresh = await VerifyAsync(packet, cancellationToken);
            changed = ChangeSince(approval.Verdict, fresh);
            if (changed is null) executed = await gateway.ExecuteAsync(packet, fresh, approvalId, cancellationToken);
        }
        catch (LimitsBusyException busy)
        {
            return new ApprovalExecution(decision, await BusyAsync(packet, busy, "approve it again to retry", cancellationToken));
        }
        if (changed is null) return new ApprovalExecution(decision, await ReportAsync(packet, fresh, executed!, cancellationToken));

        // Approve A, execute B is impossible: the old approval is closed and the action is decided afresh (the limits are
        // released by now; the new submit takes them again).
        await approvals.CloseAsync(approvalId, ApprovalStatus.Superseded, changed, cancellationToken);
        await decisionLog.WriteAsync(packet, fresh, $"superseded approval {approvalId}: {changed}", cancellationToken);
        var resubmitted = await SubmitAsync(packet with { ActionId = Guid.NewGuid().ToString(), IdempotencyKey = null }, approval.OnBehalfOf, cancellationToken);
        var note = $"not executed under approval {approvalId}: {changed}; a fresh decision was required. ";
        return new ApprovalExecution(decision, resubmitted with { Message = note + resubmitted.Message });
    }

    /// <summary>Undoes an executed action by submitting its recorded inverse as a new, verified action; null outcome when impossible.</summary>
    public async Task<UndoResult> UndoAsync(string actionId, string requesterEmail, CancellationToken cancellationToken)
    {
        var requester = await users.FindAsync(requesterEmail, cancellationToken);
        if (requester is null || requester.Disabled)
            return new UndoResult(null, $"{requesterEmail} is not an enabled user and cannot undo actions");
        var execution = await gateway.FindExecutionAsync(actionId, cancellationToken);
        if (execution is null || execution.Status != "succeeded")
            return new UndoResult(null, $"no executed action {actionId} to undo");
        if (execution.Inverse is not { } inverse)
            return new UndoResult(null, $"{execution.Action} {actionId} is irreversible: {execution.IrreversibleBecause}");
        var undo = new ActionPacket
        {
            ProposedAction = inverse.Action,
            Parameters = inverse.Parameters,
            // The platform proposes the inverse for the person who asked: their role must allow the inverse action, and the
            // founder may confirm an L3 undo they asked for, as with any agent proposal made for them.
            Agent = "undo",
            RequestedBy = "agent:undo",
            OnBehalfOf = requester.Email,
            IdempotencyKey = $"undo:{execution.IdempotencyKey}",
        };
        var outcome = await SubmitAsync(undo, cancellationToken);
        return new UndoResult(outcome, $"undo of {execution.Action} {actionId}: {outcome.Message}");
    }

    private async Task<Verdict> VerifyAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(cancellationToken);
        var current = await facts.GetFactsAsync(packet, cancellationToken);
        // The kill switch is read on every verification of an automated request (it only concerns those), so an approval
        // decided after it flipped is verified afresh under it.
        var automated = packet.RequestedBy?.StartsWith(Verification.Rules.AutonomyRule.AutomationPrefix, StringComparison.Ordinal) == true;
        var autonomyOn = autonomy is null || !automated || await autonomy.IsOnAsync(cancellationToken);
        return signer.Sign(Verifier.Evaluate(policy, current, packet, time.GetUtcNow(), autonomyOn));
    }

    private async Task<ActionOutcome> ReportAsync(ActionPacket packet, Verdict verdict, GatewayResult result, CancellationToken cancellationToken)
    {
        var (status, logged) = result.Status switch
        {
            GatewayStatus.Executed => (ActionStatus.Executed, result.Duplicate ? "duplicate of an executed action" : "executed"),
            GatewayStatus.Failed => (ActionStatus.Failed, "failed: " + result.Message),
            GatewayStatus.InProgress => (ActionStatus.Executed, "duplicate of an action still executing"),
            _ => (ActionStatus.Denied, "refused by the gateway: " + result.Message),
        };
        await decisionLog.WriteAsync(packet, verdict, logged, cancellationToken);
        return Outcome(packet, verdict, status, result.Message) with { ConnectorReference = result.ConnectorReference };
    }

    // Nothing ran. The verdict, read without the locks, only tells the caller and the decision log what the action was.
    private async Task<ActionOutcome> BusyAsync(ActionPacket packet, LimitsBusyException busy, string retry, CancellationToken cancellationToken)
    {
        var verdict = await VerifyAsync(packet, cancellationToken);
        var message = $"not executed: {busy.Message}; nothing was done, {retry}";
        await decisionLog.WriteAsync(packet, verdict, message, cancellationToken);
        return Outcome(packet, verdict, ActionStatus.Denied, message);
    }

    private static string? ChangeSince(Verdict approved, Verdict fresh)
    {
        if (!string.Equals(approved.Proof.PolicyVersion, fresh.Proof.PolicyVersion, StringComparison.Ordinal))
            return "the policy changed since the approval";
        if (!string.Equals(approved.Proof.ParametersHash, fresh.Proof.ParametersHash, StringComparison.Ordinal))
            return "the arguments changed since the approval";
        if (approved.Decision != fresh.Decision || approved.RiskLevel != fresh.RiskLevel)
            return $"the facts changed since the approval: the verdict is now {DecisionLog.DecisionCode(fresh.Decision)} {fresh.RiskLevel} ({string.Join("; ", fresh.Reasons)})";
        return null;
    }

    private static ActionOutcome Outcome(ActionPacket packet, Verdict verdict, ActionStatus status, string message) =>
        new() { Packet = packet, Verdict = verdict, Status = status, Message = message };
}

/// <summary>The decision on an approval and, when it was approved, what became of the action.</summary>
public sealed record ApprovalExecution(ApprovalDecisionResult Decision, ActionOutcome? Outcome);

/// <summary>The outcome of the inverse action, or null with the reason an undo was impossible.</summary>
public sealed record UndoResult(ActionOutcome? Outcome, string Message);
