using System.Globalization;

namespace LiveShop.Kernel.Orchestration.GoalWork;

/// <summary>What running a task's turn came to: the task's next status, why, and what it produced.</summary>
public sealed record TaskTurnOutcome
{
    /// <summary><c>done</c>, <c>awaiting_approval</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why, in words for the task's audit log and the UI.</summary>
    public required string Reason { get; init; }

    /// <summary>The conversation the turn was recorded in, when it got that far.</summary>
    public Guid? ConversationId { get; init; }

    /// <summary>Approval requests the turn opened; the task settles when they are decided.</summary>
    public IReadOnlyList<Guid> Approvals { get; init; } = [];

    /// <summary>Action ids of what the turn executed.</summary>
    public IReadOnlyList<string> Executed { get; init; } = [];

    /// <summary>The persona's reply.</summary>
    public string? Reply { get; init; }

    /// <summary>
    /// Judges a finished turn: any denied or failed action fails the task (a task must not half-run); an action waiting
    /// for approval parks it; executed actions, or read-only calls answered from the store, finish it; a turn that
    /// called nothing (the persona asked a question) fails it, since nobody is in the conversation to answer.
    /// </summary>
    public static TaskTurnOutcome Of(ChatTurnResult turn)
    {
        var blocked = turn.Actions.FirstOrDefault(a => a.Status is "denied" or "failed");
        var approvals = turn.Actions.Where(a => a.Status == "awaiting_approval" && a.ApprovalId is not null).Select(a => a.ApprovalId!.Value).ToList();
        var executed = turn.Actions.Where(a => a.Status == "executed" && a.ActionId is not null).Select(a => a.ActionId!).ToList();
        var (status, reason) = blocked is not null
            ? ("failed", $"{blocked.Function} {blocked.Status}: {blocked.Message}")
            : approvals.Count > 0
                ? ("awaiting_approval", string.Create(CultureInfo.InvariantCulture, $"{approvals.Count} action(s) wait for approval: {string.Join(", ", turn.Actions.Where(a => a.Status == "awaiting_approval").Select(a => a.Function))}"))
                : executed.Count > 0
                    ? ("done", $"executed {string.Join(", ", turn.Actions.Where(a => a.Status == "executed").Select(a => a.Function))}")
                    : turn.FunctionCalls > 0
                        ? ("done", "answered from the store; nothing needed changing")
                        : ("failed", $"clarification needed: {turn.Reply}");
        return new TaskTurnOutcome
        {
            Status = status, Reason = reason, ConversationId = turn.ConversationId, Approvals = approvals, Executed = executed, Reply = turn.Reply,
        };
    }

    /// <summary>A task whose turn could not run at all.</summary>
    public static TaskTurnOutcome Failed(string reason) => new() { Status = "failed", Reason = reason };
}
