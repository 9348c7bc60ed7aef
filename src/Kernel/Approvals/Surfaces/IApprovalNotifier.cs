namespace LiveShop.Kernel.Approvals.Surfaces;

/// <summary>
/// Keeps every surface that shows approvals (Slack, Teams) in step with the gate: a new request is posted as a card,
/// a decision made anywhere updates every card of that approval.
/// </summary>
public interface IApprovalNotifier
{
    /// <summary>Posts the request's card wherever approvals are shown; posting twice is harmless.</summary>
    Task ApprovalRequestedAsync(Guid approvalId, CancellationToken cancellationToken);

    /// <summary>Updates every posted card of the approval to show its current status, without buttons once decided.</summary>
    Task ApprovalDecidedAsync(Guid approvalId, CancellationToken cancellationToken);
}
