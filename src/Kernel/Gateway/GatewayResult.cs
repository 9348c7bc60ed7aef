using System.Text.Json;

namespace LiveShop.Kernel.Gateway;

/// <summary>What the tool gateway did with an action.</summary>
public enum GatewayStatus
{
    /// <summary>The executor carried it out (now, or earlier under the same idempotency key).</summary>
    Executed,
    /// <summary>The executor failed; the failure is recorded and not retried under the same key.</summary>
    Failed,
    /// <summary>Proof, approval or executor missing or invalid; nothing ran.</summary>
    Refused,
    /// <summary>Another submit with the same key is still executing.</summary>
    InProgress,
}

/// <summary>The gateway's answer, with the recorded connector reference.</summary>
public sealed record GatewayResult
{
    public required GatewayStatus Status { get; init; }
    public required string Message { get; init; }
    /// <summary>The key the execution was claimed under (absent for refusals before the claim).</summary>
    public string? IdempotencyKey { get; init; }
    public string? ConnectorReference { get; init; }
    /// <summary>True when this submit found an execution already recorded under its key.</summary>
    public bool Duplicate { get; init; }
}

/// <summary>One recorded execution, as <c>undo</c> and the API read it.</summary>
public sealed record ExecutionRecord
{
    public required string IdempotencyKey { get; init; }
    public required string ActionId { get; init; }
    public required string Action { get; init; }
    public required string ArgumentsHash { get; init; }
    /// <summary><c>in_progress</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    public string? ConnectorReference { get; init; }
    public JsonElement? Result { get; init; }
    public ActionInverse? Inverse { get; init; }
    /// <summary>Why the action cannot be undone, when it cannot.</summary>
    public string? IrreversibleBecause { get; init; }
}

/// <summary>An execution claimed but never completed within the lease, as operators list them (<c>./liveshop gateway stuck</c>).</summary>
public sealed record StaleClaim(string IdempotencyKey, string ActionId, string Action, string? RequestedBy, DateTimeOffset ClaimedAt, int Attempts);
