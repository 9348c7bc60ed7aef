using System.Text.Json;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Kernel.Approvals.Surfaces;

/// <summary>Everything a chat surface (Slack, Teams, the web inbox) shows about one approval request.</summary>
public sealed record ApprovalCardModel
{
    /// <summary>The approval request's id.</summary>
    public required Guid ApprovalId { get; init; }

    /// <summary>The action's name, e.g. <see cref="RefundOrderAction"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The action's parameters exactly as verified.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary><c>L2</c> or <c>L3</c>.</summary>
    public required string RiskLevel { get; init; }

    /// <summary><c>any_approver</c> or <c>founder</c>.</summary>
    public required string RequiredApprover { get; init; }

    /// <summary>Who asked for the action (a user or <c>agent:NAME</c>).</summary>
    public required string RequestedBy { get; init; }

    /// <summary>The verifier's reasons for asking a human.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>Each invariant the verifier checked, with its outcome.</summary>
    public required IReadOnlyList<CardCheck> Checks { get; init; }

    /// <summary>The agent's evidence or counterfactual, when the packet carried any (claims, never facts).</summary>
    public string? Evidence { get; init; }

    /// <summary>Where the request stands.</summary>
    public required ApprovalStatus Status { get; init; }

    /// <summary>Who decided, once decided.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When it was decided.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The approver's reason (always present for a rejection).</summary>
    public string? DecisionReason { get; init; }

    /// <summary>When the request lapses without a decision.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether the request still waits for a decision.</summary>
    public bool IsPending => Status.IsOpen();

    /// <summary>Whether only the founder may decide it.</summary>
    public bool NeedsFounder => RequiredApprover == ApprovalGate.ApproverCode(Verification.Approver.Founder) || RiskLevel == "L3";
}

/// <summary>One invariant check as a card shows it: PASS, FAIL, ESCALATE or NOT_APPLICABLE with value and threshold.</summary>
public sealed record CardCheck(string Id, string Status, decimal? Value, decimal? Threshold);
