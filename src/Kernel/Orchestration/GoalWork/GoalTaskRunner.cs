using Microsoft.Extensions.Logging;

namespace LiveShop.Kernel.Orchestration.GoalWork;

/// <summary>One worker's steps over the goal task queue: run the next queued task, settle tasks whose approvals were decided.</summary>
public sealed partial class GoalTaskRunner(GoalTaskQueue queue, ITaskTurn turn, ILogger<GoalTaskRunner> logger)
{
    /// <summary>Claims one queued task and runs it to its next status; false when no task was free.</summary>
    public async Task<bool> RunNextAsync(string worker, CancellationToken cancellationToken)
    {
        if (await queue.ClaimNextAsync(worker, cancellationToken) is not { } claimed) return false;
        var outcome = await turn.RunAsync(claimed.Task, claimed.Goal, cancellationToken);
        // Recorded even when the host is stopping, so a task whose actions ran is not left looking unrun.
        await queue.RecordAsync(claimed.Task.TaskId, outcome, CancellationToken.None);
        LogTask(claimed.Task.TaskId, claimed.Task.OwnerAgent, outcome.Status, outcome.Reason);
        return true;
    }

    /// <summary>Runs queued tasks until none is free or <paramref name="limit"/> ran; returns how many ran.</summary>
    public async Task<int> RunAvailableAsync(string worker, int limit, CancellationToken cancellationToken)
    {
        var ran = 0;
        while (ran < limit && await RunNextAsync(worker, cancellationToken)) ran++;
        return ran;
    }

    /// <summary>Moves tasks whose approvals were decided since they parked; returns how many moved.</summary>
    public Task<int> SettleDecidedApprovalsAsync(CancellationToken cancellationToken) => queue.SettleDecidedApprovalsAsync(cancellationToken);

    /// <summary>Fails tasks whose worker stopped mid-turn (running longer than <paramref name="timeout"/>); returns how many.</summary>
    public Task<int> FailAbandonedAsync(TimeSpan timeout, CancellationToken cancellationToken) => queue.FailAbandonedAsync(timeout, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} ({Persona}) → {Status}: {Reason}")]
    private partial void LogTask(Guid taskId, string persona, string status, string reason);
}
