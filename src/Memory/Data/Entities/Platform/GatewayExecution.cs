using System.Text.Json;

namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>
/// One claimed execution of an action by the tool gateway. The unique idempotency key is the claim: whoever inserts
/// the row executes, every duplicate submit reads the outcome recorded here.
/// </summary>
public sealed class GatewayExecution
{
    /// <summary>Values <see cref="Status"/> may take.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["in_progress", "succeeded", "failed"];

    public Guid Id { get; set; }
    /// <summary>Unique: the same key never executes twice.</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>The action packet's <c>action_id</c> of the submit that won the claim.</summary>
    public required string ActionId { get; set; }
    /// <summary>The action's name, as the action catalogue names it.</summary>
    public required string Action { get; set; }
    /// <summary>Canonical hash of action name and parameters.</summary>
    public required string ArgumentsHash { get; set; }
    /// <summary>Principal that requested the action.</summary>
    public string? RequestedBy { get; set; }
    /// <summary>The approval the execution ran under, if it needed one.</summary>
    public Guid? ApprovalId { get; set; }
    /// <summary><c>in_progress</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }
    /// <summary>The connector's reference for what it did (a refund id, a purchase order id).</summary>
    public string? ConnectorReference { get; set; }
    /// <summary>What the executor reported (or the error), as JSON.</summary>
    public JsonDocument? Result { get; set; }
    /// <summary>The action that undoes this one (<c>{"action": …, "parameters": …}</c>), or <c>{"irreversible": "why"}</c>.</summary>
    public JsonDocument? Inverse { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the current attempt claimed the execution; a claim left <c>in_progress</c> past its lease may be re-claimed.</summary>
    public DateTimeOffset ClaimedAt { get; set; }
    /// <summary>How many times the execution has been claimed (1 unless a crashed attempt was re-claimed).</summary>
    public int Attempts { get; set; } = 1;
    public DateTimeOffset? CompletedAt { get; set; }
}
