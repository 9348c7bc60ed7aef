namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>One verdict the action pipeline acted on, like an OPA decision log entry: what was decided, on which policy and facts, and what came of it.</summary>
public sealed class DecisionLogEntry
{
    public Guid DecisionId { get; set; }
    public required string ActionId { get; set; }
    public required string Action { get; set; }
    /// <summary>SHA-256 of the policy the verdict applied.</summary>
    public required string PolicyVersion { get; set; }
    /// <summary>Snapshot id or event sequence of the facts.</summary>
    public required string StateVersion { get; set; }
    /// <summary>Canonical hash of the decision's input (action, parameters, requester, state version).</summary>
    public required string InputHash { get; set; }
    /// <summary><c>allow</c>, <c>require_approval</c> or <c>deny</c>.</summary>
    public required string Decision { get; set; }
    public required string RiskLevel { get; set; }
    /// <summary>What the pipeline did with the verdict, e.g. <c>executed</c>, <c>awaiting_approval</c>, <c>denied: …</c>.</summary>
    public required string Result { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
