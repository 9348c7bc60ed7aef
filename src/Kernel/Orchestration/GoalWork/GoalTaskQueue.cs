using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Orchestration.GoalWork;

/// <summary>A task a worker claimed, with the goal it serves.</summary>
public sealed record ClaimedTask(AgentTask Task, Goal Goal);

/// <summary>What asking to re-queue a task came to, with a message for the person who asked.</summary>
public sealed record RequeueResult(bool Succeeded, string Message);

/// <summary>
/// The goal tasks in the database as a work queue. A claim takes one queued task with <c>FOR UPDATE SKIP LOCKED</c> and
/// marks it running in the same transaction, so any number of workers on any number of hosts never take the same task.
/// Every move goes through <see cref="TaskStatusMachine"/> (audited on the task) and is written as an event; the goal's
/// status is re-derived under a lock on the goal row, so two tasks finishing at once cannot leave it stale.
/// </summary>
public sealed class GoalTaskQueue(IDbContextFactory<LiveShopDbContext> contexts, ApprovalStore approvalStore, PlatformEvents events, TimeProvider time)
{
    /// <summary>Prefix of an approval request in a task's <c>outputs.records_created</c>.</summary>
    public const string ApprovalRecord = "approval:";

    /// <summary>Prefix of the task's conversation in its <c>outputs.messages</c>.</summary>
    public const string ConversationRecord = "conversation:";

    /// <summary>Claims the oldest queued task of a goal that is not cancelled for <paramref name="worker"/>, or returns null when none is free.</summary>
    public async Task<ClaimedTask?> ClaimNextAsync(string worker, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var task = (await db.AgentTasks.FromSql($"""
            SELECT t.* FROM agent_tasks t JOIN goals g ON g.id = t.goal_id
            WHERE t.status = 'queued' AND g.status <> 'cancelled'
            ORDER BY t.created_at, t.task_id
            LIMIT 1 FOR UPDATE OF t SKIP LOCKED
            """).ToListAsync(cancellationToken)).SingleOrDefault();
        if (task is null) return null;
        var goal = await db.Goals.AsNoTracking().SingleAsync(g => g.Id == task.GoalId, cancellationToken);
        var change = Move(task, "running", $"claimed by worker {worker}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AppendAsync(change, cancellationToken);
        return new ClaimedTask(task, goal);
    }

    /// <summary>Records what running a task came to: its new status and outputs, then the goal's status.</summary>
    public async Task RecordAsync(Guid taskId, TaskTurnOutcome outcome, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var goalId = await db.AgentTasks.Where(t => t.TaskId == taskId).Select(t => t.GoalId).SingleAsync(cancellationToken);
        var goal = await LockGoalAsync(db, goalId!.Value, cancellationToken);
        var task = await db.AgentTasks.SingleAsync(t => t.TaskId == taskId, cancellationToken);
        if (task.Status != "running")
        {
            // Given up on as abandoned meanwhile: keep what the turn did on record, but the status stays as decided.
            task.AuditLog.Add(new TaskAuditEntry { Timestamp = time.GetUtcNow(), Tool = "orchestrator", Action = "late outcome", Result = $"{outcome.Status}: {outcome.Reason}" });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var outputs = task.Outputs;
        if (outcome.ConversationId is { } conversation) outputs.Messages.Add(ConversationRecord + conversation);
        if (outcome.Reply is { Length: > 0 } reply) outputs.Messages.Add(reply);
        outputs.RecordsCreated.AddRange(outcome.Approvals.Select(a => ApprovalRecord + a));
        outputs.RecordsUpdated.AddRange(outcome.Executed.Select(a => "action:" + a));
        task.Outputs = outputs with { };
        var changes = new List<StatusChange> { Move(task, outcome.Status, outcome.Reason) };
        changes.AddRange(await RollUpAsync(db, goal, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var change in changes) await AppendAsync(change, cancellationToken);
    }

    /// <summary>
    /// Moves every task waiting for approval whose approvals are now decided: executed → done; rejected, expired or
    /// superseded → failed. Returns how many tasks moved. Safe to run from several workers at once.
    /// </summary>
    public async Task<int> SettleDecidedApprovalsAsync(CancellationToken cancellationToken)
    {
        List<(Guid TaskId, Guid GoalId)> waiting;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            waiting = (await db.AgentTasks.AsNoTracking().Where(t => t.Status == "awaiting_approval" && t.GoalId != null)
                .OrderBy(t => t.UpdatedAt).Select(t => new { t.TaskId, t.GoalId }).Take(100).ToListAsync(cancellationToken))
                .Select(t => (t.TaskId, t.GoalId!.Value)).ToList();
        }
        var moved = 0;
        foreach (var (taskId, goalId) in waiting)
            if (await SettleAsync(taskId, goalId, cancellationToken)) moved++;
        return moved;
    }

    private async Task<bool> SettleAsync(Guid taskId, Guid goalId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var goal = await LockGoalAsync(db, goalId, cancellationToken);
        var task = (await db.AgentTasks.FromSql($"SELECT * FROM agent_tasks WHERE task_id = {taskId} AND status = 'awaiting_approval' FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (task is null) return false;

        var ids = task.Outputs.RecordsCreated.Where(r => r.StartsWith(ApprovalRecord, StringComparison.Ordinal))
            .Select(r => Guid.Parse(r[ApprovalRecord.Length..])).ToList();
        var now = time.GetUtcNow();
        var approvals = (await approvalStore.StatesAsync(ids, cancellationToken))
            // A pending request past its expiry will never run, even before the gate marks it expired.
            .Select(a => (a.ApprovalId, a.Status.IsOpen() && a.ExpiresAt <= now ? ApprovalStatus.Expired : a.Status, a.DecisionReason)).ToList();
        var next = approvals.Count == 0 ? ("failed", "no approval request is recorded for this task") : GoalStatusRollup.AfterApprovals(approvals);
        if (next is not { } settled) return false;

        var changes = new List<StatusChange> { Move(task, settled.Item1, settled.Item2) };
        changes.AddRange(await RollUpAsync(db, goal, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var change in changes) await AppendAsync(change, cancellationToken);
        return true;
    }

    /// <summary>
    /// Fails tasks left running longer than <paramref name="timeout"/> (their worker stopped mid-turn). They are not re-run:
    /// their actions may already have happened, so a person re-queues them after a look. Returns how many were failed.
    /// </summary>
    public async Task<int> FailAbandonedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - timeout;
        List<(Guid TaskId, Guid GoalId)> stale;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            stale = (await db.AgentTasks.AsNoTracking().Where(t => t.Status == "running" && t.GoalId != null && t.UpdatedAt < before)
                .Select(t => new { t.TaskId, t.GoalId }).Take(100).ToListAsync(cancellationToken)).Select(t => (t.TaskId, t.GoalId!.Value)).ToList();
        }
        var failed = 0;
        foreach (var (taskId, goalId) in stale)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var goal = await LockGoalAsync(db, goalId, cancellationToken);
            var task = (await db.AgentTasks.FromSql($"SELECT * FROM agent_tasks WHERE task_id = {taskId} AND status = 'running' AND updated_at < {before} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken)).SingleOrDefault();
            if (task is null) continue;
            var changes = new List<StatusChange> { Move(task, "failed", $"abandoned: still running after {timeout}; its worker stopped mid-turn — check its conversation, then re-queue") };
            changes.AddRange(await RollUpAsync(db, goal, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var change in changes) await AppendAsync(change, cancellationToken);
            failed++;
        }
        return failed;
    }

    /// <summary>
    /// Puts a failed task back in the queue for the next worker, as the goal's creator or the founder asks after a look at
    /// why it failed — never automatically: an abandoned task's actions may already have happened. The goal is active again.
    /// </summary>
    public async Task<RequeueResult> RequeueAsync(Guid taskId, string requesterEmail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var email = requesterEmail.Trim().ToLowerInvariant();
        var requester = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var goalId = await db.AgentTasks.Where(t => t.TaskId == taskId).Select(t => t.GoalId).SingleOrDefaultAsync(cancellationToken);
        if (goalId is null) return new RequeueResult(false, $"no goal task {taskId}");
        var goal = await LockGoalAsync(db, goalId.Value, cancellationToken);
        if (requester is null || requester.Disabled || (requester.Role != "founder" && !string.Equals(requester.Email, goal.CreatedBy, StringComparison.OrdinalIgnoreCase)))
            return new RequeueResult(false, $"{email} may not re-queue tasks of this goal: only its creator ({goal.CreatedBy}) or the founder may");
        var task = (await db.AgentTasks.FromSql($"SELECT * FROM agent_tasks WHERE task_id = {taskId} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        if (task.Status != "failed")
            return new RequeueResult(false, $"task {taskId} is {task.Status.Replace('_', ' ')}; only a failed task can be re-queued");

        var changes = new List<StatusChange> { Move(task, "queued", $"re-queued by {requester.Email}") };
        changes.AddRange(await RollUpAsync(db, goal, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var change in changes) await AppendAsync(change, cancellationToken);
        return new RequeueResult(true, $"task {taskId} is queued again");
    }

    private static async Task<Goal> LockGoalAsync(LiveShopDbContext db, Guid goalId, CancellationToken cancellationToken) =>
        (await db.Goals.FromSql($"SELECT * FROM goals WHERE id = {goalId} FOR UPDATE").ToListAsync(cancellationToken)).Single();

    // Reads the goal's tasks after this transaction's own change (tracked entities win over the database rows).
    private static async Task<IEnumerable<StatusChange>> RollUpAsync(LiveShopDbContext db, Goal goal, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<AgentTask>().Select(e => e.Entity).Where(t => t.GoalId == goal.Id).ToDictionary(t => t.TaskId, t => t.Status);
        var stored = await db.AgentTasks.AsNoTracking().Where(t => t.GoalId == goal.Id).Select(t => new { t.TaskId, t.Status }).ToListAsync(cancellationToken);
        var statuses = stored.Select(t => tracked.GetValueOrDefault(t.TaskId, t.Status)).ToList();
        var status = GoalStatusRollup.Of(statuses);
        if (status == goal.Status) return [];
        var change = new StatusChange(null, goal.Id, null, goal.Status, status, $"{statuses.Count(s => s == "done")} of {statuses.Count} task(s) done", 0);
        goal.Status = status;
        return [change];
    }

    private StatusChange Move(AgentTask task, string to, string why)
    {
        var from = task.Status;
        TaskStatusMachine.Move(task, to, why, time.GetUtcNow());
        return new StatusChange(task.TaskId, task.GoalId, task.OwnerAgent, from, to, why, task.AuditLog.Count);
    }

    private Task AppendAsync(StatusChange change, CancellationToken cancellationToken) => change.TaskId is { } taskId
        ? events.AppendAsync("TaskStatusChanged", $"{taskId}:{change.Sequence}", new
        {
            TaskId = taskId.ToString(), GoalId = change.GoalId?.ToString(), change.OwnerAgent, change.From, change.To, change.Reason,
        }, cancellationToken)
        : events.AppendAsync("GoalStatusChanged", $"{change.GoalId}:{change.From}:{change.To}:{time.GetUtcNow().ToUnixTimeMilliseconds()}", new
        {
            GoalId = change.GoalId!.Value.ToString(), change.From, change.To,
        }, cancellationToken);

    private sealed record StatusChange(Guid? TaskId, Guid? GoalId, string? OwnerAgent, string From, string To, string Reason, int Sequence);
}
