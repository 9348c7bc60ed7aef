namespace LiveShop.Kernel.Approvals.Surfaces;

/// <summary>
/// What chat surfaces need from the approval gate: read a request as a card, and decide it as a named person. The gate
/// checks the person's authority and lets the first valid decision win.
/// </summary>
public interface IApprovalDecisions
{
    /// <summary>The approval as a card, or null when there is none with that id.</summary>
    Task<ApprovalCardModel?> GetAsync(Guid approvalId, CancellationToken cancellationToken);

    /// <summary>Approves or rejects as <paramref name="approverEmail"/>; a rejection needs a reason.</summary>
    Task<ApprovalDecisionOutcome> DecideAsync(Guid approvalId, string approverEmail, ApprovalVote vote, string? reason, CancellationToken cancellationToken);
}

/// <summary>Approve or reject.</summary>
public enum ApprovalVote
{
    /// <summary>Let the action run.</summary>
    Approve,

    /// <summary>Refuse the action (with a reason).</summary>
    Reject,
}

/// <summary>How a decision attempt ended.</summary>
public enum ApprovalDecisionKind
{
    /// <summary>This decision was recorded: it won.</summary>
    Decided,

    /// <summary>The same person already made the same decision; nothing changed.</summary>
    AlreadyDecided,

    /// <summary>Someone else decided first (or differently); this attempt changed nothing.</summary>
    Conflict,

    /// <summary>The person may not decide this approval.</summary>
    Refused,

    /// <summary>No approval with that id.</summary>
    NotFound,

    /// <summary>The request lapsed before a decision.</summary>
    Expired,

    /// <summary>The attempt itself was malformed (e.g. a rejection without a reason).</summary>
    Invalid,
}

/// <summary>The result of a decision attempt: what happened, a sentence for the person, the approval as it now stands.</summary>
public sealed record ApprovalDecisionOutcome(ApprovalDecisionKind Kind, string Message, ApprovalCardModel? Approval)
{
    /// <summary>Whether the approval now carries a decision (this one or an identical earlier one).</summary>
    public bool Settled => Kind is ApprovalDecisionKind.Decided or ApprovalDecisionKind.AlreadyDecided;
}
