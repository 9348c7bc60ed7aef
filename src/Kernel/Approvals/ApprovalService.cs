using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Policies;

namespace LiveShop.Kernel.Approvals;

/// <summary>Approve or reject.</summary>
public enum ApprovalVote
{
    /// <summary>Let the action run.</summary>
    Approve,

    /// <summary>Refuse the action (with a reason).</summary>
    Reject,
}

/// <summary>A decision asked for by a person a surface has authenticated (signed in, named on the CLI, a linked chat account).</summary>
/// <param name="ApprovalId">The request decided.</param>
/// <param name="Approver">The deciding user's email; the gate checks their authority.</param>
/// <param name="Vote">Approve or reject.</param>
/// <param name="Reason">Why; required to reject.</param>
public sealed record ApprovalDecisionRequest(Guid ApprovalId, string Approver, ApprovalVote Vote, string? Reason = null);

/// <summary>What became of a decision: the gate's answer, the approval as it now stands and, once approved, the action's outcome.</summary>
public sealed record ApprovalDecision(ApprovalDecisionStatus Status, string Message, ApprovalRecord? Approval, ActionOutcome? Execution)
{
    /// <summary>Whether the approval now carries the requested decision (by this call or an identical earlier one).</summary>
    public bool Succeeded => Status is ApprovalDecisionStatus.Decided or ApprovalDecisionStatus.AlreadyDecided;

    /// <summary>The gate's answer followed, when this call ran the action, by what the action did.</summary>
    public string Summary => Execution is null || Status != ApprovalDecisionStatus.Decided ? Message : $"{Message}; {Execution.Message}";
}

/// <summary>
/// The one way every surface (web inbox, inline chat cards, the CLI, Slack, Teams) reads and decides approvals. The gate
/// checks authority and moves the state once; an approval then runs the action through the pipeline (re-verified against
/// fresh facts, executed once by the tool gateway), so a decision made anywhere is the same decision everywhere.
/// </summary>
public sealed class ApprovalService(ApprovalGate gate, ActionPipeline pipeline, PolicyInForce policies)
{
    /// <summary>The approval, or null.</summary>
    public Task<ApprovalRecord?> GetAsync(Guid approvalId, CancellationToken cancellationToken) => gate.GetAsync(approvalId, cancellationToken);

    /// <summary>Approvals, newest first, optionally of one status (overdue pending requests are expired first).</summary>
    public Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalStatus? status, int limit, CancellationToken cancellationToken) =>
        gate.ListAsync(status, limit, cancellationToken);

    /// <summary>Approves (then runs the action) or rejects (with a reason) as the request's approver.</summary>
    public async Task<ApprovalDecision> DecideAsync(ApprovalDecisionRequest request, CancellationToken cancellationToken)
    {
        ApprovalDecisionResult result;
        ActionOutcome? execution = null;
        if (request.Vote == ApprovalVote.Approve)
        {
            var approved = await pipeline.ApproveAndExecuteAsync(request.ApprovalId, request.Approver, request.Reason, cancellationToken);
            (result, execution) = (approved.Decision, approved.Outcome);
        }
        else
        {
            result = await gate.DecideAsync(request.ApprovalId, request.Approver, ApprovalVote.Reject, request.Reason, cancellationToken);
        }
        // The execution may have moved the approval on (executed, superseded): report it as it stands now.
        var now = result.Approval is null ? null : await gate.GetAsync(request.ApprovalId, cancellationToken);
        return new ApprovalDecision(result.Status, result.Message, now, execution);
    }

    /// <summary>Whether <paramref name="approver"/> may decide <paramref name="approval"/> under the roles in force, by the rule the gate applies.</summary>
    public AuthorityCheck Authority(Principal approver, ApprovalRecord approval) =>
        ApprovalAuthority.Check(approver, ApprovalGate.Subject(approval), policies.Current.Roles);
}
