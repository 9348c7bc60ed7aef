namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>The Standard Task Object: one unit of agent work, with what it needs, may do, produced and did.</summary>
public sealed class AgentTask
{
    /// <summary>Values <see cref="Status"/> may take.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["queued", "running", "awaiting_approval", "done", "failed", "cancelled"];

    public Guid TaskId { get; set; }
    public Guid? GoalId { get; set; }
    /// <summary>The agent persona that owns the task, e.g. <c>cfo</c>.</summary>
    public required string OwnerAgent { get; set; }
    public TaskInputs Inputs { get; set; } = new();
    /// <summary>Names of the tools (plugin functions) the task may call.</summary>
    public List<string> RequiredTools { get; set; } = [];
    public TaskConstraints Constraints { get; set; } = new();
    /// <summary><c>L0</c> to <c>L3</c>.</summary>
    public required string RiskLevel { get; set; }
    /// <summary>How to tell the task is done, in words the owner agent and a person both understand.</summary>
    public required string DoneDefinition { get; set; }
    public TaskOutputs Outputs { get; set; } = new();
    public List<TaskAuditEntry> AuditLog { get; set; } = [];
    /// <summary><c>queued</c>, <c>running</c>, <c>awaiting_approval</c>, <c>done</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
