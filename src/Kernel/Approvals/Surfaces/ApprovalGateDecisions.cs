using LiveShop.Kernel.Actions;

namespace LiveShop.Kernel.Approvals.Surfaces;

/// <summary>
/// Chat surfaces decide through the one approval gate: an approval runs the action through the pipeline (re-verified,
/// executed once by the tool gateway), a rejection is recorded with its reason.
/// </summary>
public sealed class ApprovalGateDecisions(ApprovalGate gate, ActionPipeline pipeline) : IApprovalDecisions
{
    /// <inheritdoc />
    public async Task<ApprovalCardModel?> GetAsync(Guid approvalId, CancellationToken cancellationToken) =>
        await gate.GetAsync(approvalId, cancellationToken) is { } record ? ApprovalCards.From(record) : null;

    /// <inheritdoc />
    public async Task<ApprovalDecisionOutcome> DecideAsync(Guid approvalId, string approverEmail, ApprovalVote vote, string? reason, CancellationToken cancellationToken)
    {
        ApprovalDecisionResult result;
        string? executed = null;
        if (vote == ApprovalVote.Approve)
        {
            var execution = await pipeline.ApproveAndExecuteAsync(approvalId, approverEmail, reason, cancellationToken);
            result = execution.Decision;
            executed = execution.Outcome?.Message;
        }
        else
        {
            result = await pipeline.RejectAsync(approvalId, approverEmail, reason ?? "", cancellationToken);
        }
        // The execution may have moved the approval on (executed, superseded): show the card as it stands now.
        var now = result.Approval is null ? null : await GetAsync(approvalId, cancellationToken);
        var message = executed is null || result.Status != ApprovalDecisionStatus.Decided ? result.Message : $"{result.Message}; {executed}";
        return new ApprovalDecisionOutcome(Kind(result.Status), message, now);
    }

    private static ApprovalDecisionKind Kind(ApprovalDecisionStatus status) => status switch
    {
        ApprovalDecisionStatus.Decided => ApprovalDecisionKind.Decided,
        ApprovalDecisionStatus.AlreadyDecided => ApprovalDecisionKind.AlreadyDecided,
        ApprovalDecisionStatus.Conflict => ApprovalDecisionKind.Conflict,
        ApprovalDecisionStatus.Refused => ApprovalDecisionKind.Refused,
        ApprovalDecisionStatus.Expired => ApprovalDecisionKind.Expired,
        ApprovalDecisionStatus.Invalid => ApprovalDecisionKind.Invalid,
        _ => ApprovalDecisionKind.NotFound,
    };
}
