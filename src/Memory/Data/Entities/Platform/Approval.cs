using System.Text.Json;

namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>A request for a person to approve one verified action, and its decision.</summary>
public sealed class Approval
{
    /// <summary>Values <see cref="RiskLevel"/> may take.</summary>
    public static readonly IReadOnlyList<string> RiskLevels = ["L0", "L1", "L2", "L3"];

    /// <summary>Values <see cref="RequiredApprover"/> may take.</summary>
    public static readonly IReadOnlyList<string> Approvers = ["none", "any_approver", "founder"];

    /// <summary>Values <see cref="Status"/> may take.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["pending", "approved", "rejected", "expired", "executed", "superseded"];

    public Guid Id { get; set; }
    /// <summary>The action packet's <c>action_id</c>.</summary>
    public required string ActionId { get; set; }
    /// <summary>The action's name, as the action catalogue names it.</summary>
    public required string ActionName { get; set; }
    /// <summary>The action's parameters exactly as verified.</summary>
    public required JsonDocument Parameters { get; set; }
    /// <summary>SHA-256 of the canonical JSON of the parameters, so execution can prove it runs what was approved.</summary>
    public required string ArgumentsHash { get; set; }
    public required string RiskLevel { get; set; }
    /// <summary><c>none</c>, <c>any_approver</c> or <c>founder</c>.</summary>
    public required string RequiredApprover { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary><c>pending</c>, <c>approved</c>, <c>rejected</c>, <c>expired</c>, <c>executed</c> or <c>superseded</c> (facts changed; a fresh approval was required).</summary>
    public required string Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    /// <summary>The verifier's verdict (with its signed proof) that asked for this approval.</summary>
    public required JsonDocument Verdict { get; set; }
    /// <summary>The whole action packet as submitted (agent, evidence, idempotency key), so the approved action can be rebuilt exactly.</summary>
    public JsonDocument? Packet { get; set; }
    /// <summary>The human the request was made on behalf of, when recorded; they may not approve it either.</summary>
    public string? OnBehalfOf { get; set; }
    /// <summary>Where the request was posted (message references on the surfaces that show it), as a JSON array.</summary>
    public JsonDocument? ChannelMessages { get; set; }
    /// <summary>PostgreSQL's <c>xmin</c>: two approvers deciding at once cannot both win.</summary>
    public uint RowVersion { get; set; }
}
