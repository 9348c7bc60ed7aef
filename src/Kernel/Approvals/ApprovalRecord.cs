using System.Text.Json;
using System.Text.Json.Serialization;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Approvals;

/// <summary>An approval request as the gate, the CLI and the API show it.</summary>
public sealed record ApprovalRecord
{
    public required Guid ApprovalId { get; init; }
    public required string ActionId { get; init; }
    public required string Action { get; init; }
    public required JsonElement Parameters { get; init; }
    /// <summary>Canonical hash of action name and parameters the approval is bound to.</summary>
    public required string ArgumentsHash { get; init; }
    public required string RiskLevel { get; init; }
    /// <summary><c>any_approver</c> or <c>founder</c>.</summary>
    public required string RequiredApprover { get; init; }
    /// <summary>Whether the verdict asked for the founder (rather than any approver).</summary>
    [JsonIgnore]
    public bool NeedsFounder => RequiredApprover == ApprovalGate.ApproverCode(Approver.Founder);
    public required string RequestedBy { get; init; }
    public string? OnBehalfOf { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>Where the request stands (written <c>pending</c>, <c>approved</c>, … on the wire).</summary>
    public required ApprovalStatus Status { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionReason { get; init; }
    /// <summary>The signed verdict that asked for the approval.</summary>
    public required Verdict Verdict { get; init; }
    /// <summary>The packet as submitted.</summary>
    public required ActionPacket Packet { get; init; }
}

/// <summary>What became of an attempt to decide an approval.</summary>
public enum ApprovalDecisionStatus
{
    /// <summary>This call decided the approval.</summary>
    Decided,
    /// <summary>The same person had already made the same decision; nothing changed.</summary>
    AlreadyDecided,
    /// <summary>Someone else decided first (or differently); this decision is refused.</summary>
    Conflict,
    /// <summary>The principal may not decide this approval.</summary>
    Refused,
    /// <summary>The approval expired; it will never execute.</summary>
    Expired,
    /// <summary>The input is incomplete (e.g. a rejection without a reason).</summary>
    Invalid,
    /// <summary>There is no such approval.</summary>
    NotFound,
}

/// <summary>The outcome of a decision attempt, with the approval as it now stands.</summary>
public sealed record ApprovalDecisionResult(ApprovalDecisionStatus Status, string Message, ApprovalRecord? Approval)
{
    /// <summary>Whether the approval now carries the requested decision (by this call or an identical earlier one).</summary>
    public bool Succeeded => Status is ApprovalDecisionStatus.Decided or ApprovalDecisionStatus.AlreadyDecided;
}
