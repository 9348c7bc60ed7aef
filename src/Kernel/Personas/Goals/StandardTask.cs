using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Kernel.Personas.Goals;

/// <summary>A Standard Task Object (CONTRACTS.md §4) as the planner produces it, before it is persisted as an <see cref="AgentTask"/>.</summary>
public sealed record StandardTask
{
    public required Guid TaskId { get; init; }
    public required Guid GoalId { get; init; }
    /// <summary>The persona that owns the task.</summary>
    public required string OwnerAgent { get; init; }
    /// <summary>A short label for lists and cards (not part of the contract; the done definition carries the meaning).</summary>
    public required string Title { get; init; }
    public required TaskInputs Inputs { get; init; }
    /// <summary>Functions the task needs, always a subset of the owner's functions.</summary>
    public required IReadOnlyList<string> RequiredTools { get; init; }
    public required TaskConstraints Constraints { get; init; }
    public required RiskLevel RiskLevel { get; init; }
    public required string DoneDefinition { get; init; }
    public TaskOutputs Outputs { get; init; } = new();
    public IReadOnlyList<TaskAuditEntry> AuditLog { get; init; } = [];
    /// <summary>Always <c>queued</c> when planned.</summary>
    public string Status { get; init; } = "queued";

    /// <summary>The entity to persist, stamped with <paramref name="now"/>.</summary>
    public AgentTask ToAgentTask(DateTimeOffset now) => new()
    {
        TaskId = TaskId,
        GoalId = GoalId,
        OwnerAgent = OwnerAgent,
        Inputs = Inputs with { Links = [.. Inputs.Links], Files = [.. Inputs.Files], Records = [.. Inputs.Records] },
        RequiredTools = [.. RequiredTools],
        Constraints = Constraints with { },
        RiskLevel = RiskLevel.ToString(),
        DoneDefinition = DoneDefinition,
        Outputs = Outputs with { RecordsCreated = [.. Outputs.RecordsCreated], RecordsUpdated = [.. Outputs.RecordsUpdated], Files = [.. Outputs.Files], Messages = [.. Outputs.Messages] },
        AuditLog = [.. AuditLog],
        Status = Status,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>A goal with its tasks; a recurring goal is a work order whose tasks are re-queued every cycle.</summary>
public sealed record GoalPlan
{
    public required Guid GoalId { get; init; }
    public required ParsedGoal Goal { get; init; }
    public required IReadOnlyList<StandardTask> Tasks { get; init; }

    /// <summary>True for weekly/quarterly (any recurring) goals.</summary>
    public bool IsWorkOrder => Goal.IsWorkOrder;

    /// <summary>How often the work order runs, or null for a one-off goal.</summary>
    public WorkOrderCadence? Cadence => Goal.Cadence;
}

/// <summary>The planner's answer: a plan, or the question to ask the person.</summary>
public sealed record GoalPlanningOutcome
{
    public GoalPlan? Plan { get; init; }
    public string? Clarification { get; init; }
}

/// <summary>What the planner needs besides the goal: the goal's id and the policy version the tasks are held to.</summary>
public sealed record GoalPlanningContext
{
    public required Guid GoalId { get; init; }
    /// <summary>Policy version (sha256) written into every task's constraints.</summary>
    public required string PolicyVersion { get; init; }
}
