using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Kernel.Orchestration;

/// <summary>
/// The lifecycle of a Standard Task Object: queued → running → awaiting_approval → done/failed (a task waiting for an
/// approval runs again once decided); any unfinished task may be cancelled. Every move is written to the task's audit log.
/// </summary>
public static class TaskStatusMachine
{
    private static readonly IReadOnlyDictionary<string, string[]> Moves = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["queued"] = ["running", "cancelled"],
        ["running"] = ["awaiting_approval", "done", "failed", "cancelled"],
        ["awaiting_approval"] = ["running", "done", "failed", "cancelled"],
        ["done"] = [],
        ["failed"] = ["queued"],
        ["cancelled"] = [],
    };

    /// <summary>Whether a task may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>Moves <paramref name="task"/> to <paramref name="to"/>, stamping it and logging why; throws on a move the lifecycle forbids.</summary>
    public static void Move(AgentTask task, string to, string why, DateTimeOffset now)
    {
        if (!CanMove(task.Status, to))
            throw new InvalidOperationException($"task {task.TaskId} cannot move from {task.Status} to {to}");
        task.AuditLog.Add(new TaskAuditEntry { Timestamp = now, Tool = "orchestrator", Action = $"{task.Status} → {to}", Result = why });
        task.Status = to;
        task.UpdatedAt = now;
    }

    /// <summary>The status a task reaches after a turn with these actions: failed, awaiting_approval or done.</summary>
    public static string AfterTurn(IReadOnlyList<ChatAction> actions) =>
        actions.Any(a => a.Status == "failed") ? "failed"
        : actions.Any(a => a.Status == "awaiting_approval") ? "awaiting_approval"
        : "done";
}
