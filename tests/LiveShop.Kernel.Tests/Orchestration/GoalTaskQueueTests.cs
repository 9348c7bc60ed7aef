using System.Collections.Concurrent;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Orchestration.GoalWork;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Tests.Planning;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveShop.Kernel.Tests.Orchestration;

public sealed class GoalTaskQueueTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    /// <summary>A task turn that records which tasks it ran and answers what the test scripts.</summary>
    private sealed class RecordingTurn(Func<AgentTask, TaskTurnOutcome> answer, TimeSpan? work = null) : ITaskTurn
    {
        public ConcurrentBag<Guid> Ran { get; } = [];

        public async Task<TaskTurnOutcome> RunAsync(AgentTask task, Goal goal, CancellationToken cancellationToken)
        {
            Ran.Add(task.TaskId);
            // Holding the task a moment widens the window in which another worker could wrongly take it too.
            if (work is { } delay) await Task.Delay(delay, cancellationToken);
            return answer(task);
        }
    }

    private async Task<(GatewayHarness Harness, GoalTaskQueue Queue)> CreateAsync()
    {
        var harness = await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [new CountingExecutor("refund_order")]);
        return (harness, NewQueue(harness));
    }

    private GoalTaskQueue NewQueue(GatewayHarness harness) => new(new PlannerContexts(database), harness.Store, new PlatformEvents(harness.Events, harness.Time), harness.Time);

    private static GoalTaskRunner Runner(GoalTaskQueue queue, ITaskTurn turn) => new(queue, turn, NullLogger<GoalTaskRunner>.Instance);

    private async Task<Guid> AddGoalAsync(int tasks, string persona = "cfo", string taskStatus = "queued", string createdBy = GatewayHarness.Founder)
    {
        var goalId = Guid.NewGuid();
        await using var db = database.CreateContext();
        var now = GatewayHarness.Start;
        db.Goals.Add(new Goal
        {
            Id = goalId, Text = "increase net profit 18% over 30 days", CreatedBy = createdBy, CreatedAt = now, Status = taskStatus == "queued" ? "active" : taskStatus,
        });
        for (var i = 0; i < tasks; i++)
        {
            db.AgentTasks.Add(new AgentTask
            {
                TaskId = Guid.NewGuid(), GoalId = goalId, OwnerAgent = persona, RiskLevel = "L0", DoneDefinition = $"report {i}",
                RequiredTools = ["generate_report"], CreatedAt = now.AddSeconds(i), UpdatedAt = now.AddSeconds(i), Status = taskStatus,
            });
        }
        await db.SaveChangesAsync();
        return goalId;
    }

    private async Task<List<AgentTask>> TasksAsync(Guid goalId)
    {
        await using var db = database.CreateContext();
        return await db.AgentTasks.AsNoTracking().Where(t => t.GoalId == goalId).ToListAsync();
    }

    private async Task<string> GoalStatusAsync(Guid goalId)
    {
        await using var db = database.CreateContext();
        return await db.Goals.Where(g => g.Id == goalId).Select(g => g.Status).SingleAsync();
    }

    // Status-change events of one task or goal (idField: task_id or goal_id) that moved it to `to`.
    private static Task<long> MovesAsync(GatewayHarness harness, string type, string idField, Guid id, string to) => harness.ScalarAsync(
        "SELECT count(*) FROM business_events WHERE type = $1 AND data->>$2 = $3 AND data->>'to' = $4", type, idField, id.ToString(), to);

    private static TaskTurnOutcome Done(AgentTask _) => new() { Status = "done", Reason = "executed generate_report", Executed = ["a_1"] };

    [Fact]
    public async Task Two_workers_racing_over_20_tasks_run_each_task_exactly_once()
    {
        var (harness, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(20);
        var turn = new RecordingTurn(Done, TimeSpan.FromMilliseconds(20));
        var first = Runner(queue, turn);
        var second = Runner(NewQueue(harness), turn);

        var ran = await Task.WhenAll(
            Task.Run(() => first.RunAvailableAsync("worker-a", 100, CancellationToken.None)),
            Task.Run(() => second.RunAvailableAsync("worker-b", 100, CancellationToken.None)));

        var tasks = await TasksAsync(goalId);
        Assert.Equal(20, ran.Sum());
        Assert.Equal(20, turn.Ran.Count);
        Assert.Equal(tasks.Select(t => t.TaskId).Order(), turn.Ran.Order());
        Assert.All(tasks, t =>
        {
            Assert.Equal("done", t.Status);
            Assert.Equal(["queued → running", "running → done"], t.AuditLog.Select(e => e.Action));
        });
        // Both workers took part, so the claims really raced.
        Assert.Contains(tasks, t => t.AuditLog[0].Result.Contains("worker-a"));
        Assert.Contains(tasks, t => t.AuditLog[0].Result.Contains("worker-b"));
        Assert.Equal("done", await GoalStatusAsync(goalId));
        Assert.Equal(40, await harness.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'TaskStatusChanged' AND data->>'goal_id' = $1", goalId.ToString()));
        Assert.Equal(1, await MovesAsync(harness, "GoalStatusChanged", "goal_id", goalId, "done"));
    }

    [Fact]
    public async Task A_task_whose_approval_is_rejected_fails_and_so_does_its_goal()
    {
        var (harness, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(1, persona: "returns_refunds");
        var submitted = await harness.Pipeline.SubmitAsync(
            ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 600m, reason = "damaged" }) with { RequestedBy = "agent:returns_refunds", IdempotencyKey = Guid.NewGuid().ToString() },
            GatewayHarness.Founder, default);
        Assert.Equal(ActionStatus.AwaitingApproval, submitted.Status);
        var approvalId = submitted.ApprovalId!.Value;
        var runner = Runner(queue, new RecordingTurn(_ => new TaskTurnOutcome
        {
            Status = "awaiting_approval", Reason = "1 action(s) wait for approval: refund_order", Approvals = [approvalId],
        }));

        Assert.True(await runner.RunNextAsync("worker-a", default));
        var parked = Assert.Single(await TasksAsync(goalId));
        Assert.Equal("awaiting_approval", parked.Status);
        Assert.Contains(GoalTaskQueue.ApprovalRecord + approvalId, parked.Outputs.RecordsCreated);
        Assert.Equal(0, await runner.SettleDecidedApprovalsAsync(default));
        Assert.Equal("active", await GoalStatusAsync(goalId));

        var rejected = await harness.Approvals.DecideAsync(approvalId, GatewayHarness.Founder, ApprovalVote.Reject, "customer already refunded", default);
        Assert.True(rejected.Succeeded);
        Assert.Equal(1, await runner.SettleDecidedApprovalsAsync(default));

        var failed = Assert.Single(await TasksAsync(goalId));
        Assert.Equal("failed", failed.Status);
        Assert.Equal("awaiting_approval → failed", failed.AuditLog[^1].Action);
        Assert.Contains("rejected: customer already refunded", failed.AuditLog[^1].Result);
        Assert.Equal("failed", await GoalStatusAsync(goalId));
        Assert.Equal(1, await MovesAsync(harness, "TaskStatusChanged", "task_id", failed.TaskId, "failed"));
    }

    [Fact]
    public async Task A_task_whose_approval_is_approved_and_executed_is_done()
    {
        var (harness, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(1, persona: "returns_refunds");
        var submitted = await harness.Pipeline.SubmitAsync(
            ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 600m, reason = "damaged" }) with { RequestedBy = "agent:returns_refunds" },
            GatewayHarness.Founder, default);
        var approvalId = submitted.ApprovalId!.Value;
        var runner = Runner(queue, new RecordingTurn(_ => new TaskTurnOutcome { Status = "awaiting_approval", Reason = "waits", Approvals = [approvalId] }));
        await runner.RunNextAsync("worker-a", default);

        var executed = await harness.Pipeline.ApproveAndExecuteAsync(approvalId, GatewayHarness.Founder, null, default);
        Assert.Equal(ActionStatus.Executed, executed.Outcome!.Status);
        Assert.Equal(1, await runner.SettleDecidedApprovalsAsync(default));

        var task = Assert.Single(await TasksAsync(goalId));
        Assert.Equal("done", task.Status);
        Assert.Equal("done", await GoalStatusAsync(goalId));
        // Settling twice moves nothing twice.
        Assert.Equal(0, await runner.SettleDecidedApprovalsAsync(default));
    }

    [Fact]
    public async Task A_failed_turn_fails_its_task_with_the_reason_and_other_tasks_keep_the_goal_active()
    {
        var (_, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(2);
        var runner = Runner(queue, new RecordingTurn(_ => TaskTurnOutcome.Failed("clarification needed: which order?")));

        Assert.True(await runner.RunNextAsync("worker-a", default));

        var tasks = await TasksAsync(goalId);
        var failed = Assert.Single(tasks, t => t.Status == "failed");
        Assert.Equal("clarification needed: which order?", failed.AuditLog[^1].Result);
        Assert.Single(tasks, t => t.Status == "queued");
        Assert.Equal("active", await GoalStatusAsync(goalId));
    }

    [Fact]
    public async Task Nothing_is_claimed_when_no_task_is_queued()
    {
        var (_, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(1);
        var turn = new RecordingTurn(Done);
        var runner = Runner(queue, turn);
        Assert.Equal(1, await runner.RunAvailableAsync("worker-a", 10, default));
        Assert.Equal(0, await runner.RunAvailableAsync("worker-a", 10, default));
        Assert.Single(turn.Ran);
        Assert.Equal("done", Assert.Single(await TasksAsync(goalId)).Status);
    }

    [Fact]
    public async Task A_task_left_running_by_a_stopped_worker_fails_as_abandoned_and_a_late_outcome_does_not_revive_it()
    {
        var (harness, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(1);
        var claimed = await queue.ClaimNextAsync("worker-that-died", default);
        Assert.NotNull(claimed);

        Assert.Equal(0, await queue.FailAbandonedAsync(TimeSpan.FromMinutes(15), default));
        harness.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await queue.FailAbandonedAsync(TimeSpan.FromMinutes(15), default));

        var task = Assert.Single(await TasksAsync(goalId));
        Assert.Equal("failed", task.Status);
        Assert.StartsWith("abandoned:", task.AuditLog[^1].Result);
        Assert.Equal("failed", await GoalStatusAsync(goalId));

        await queue.RecordAsync(task.TaskId, new TaskTurnOutcome { Status = "done", Reason = "executed generate_report" }, default);
        var after = Assert.Single(await TasksAsync(goalId));
        Assert.Equal("failed", after.Status);
        Assert.Equal("late outcome", after.AuditLog[^1].Action);
        Assert.Equal("done: executed generate_report", after.AuditLog[^1].Result);
    }

    [Fact]
    public async Task A_failed_task_re_queued_by_the_goal_creator_runs_again_and_its_goal_follows()
    {
        var (harness, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(1, taskStatus: "failed", createdBy: GatewayHarness.Approver);
        var taskId = Assert.Single(await TasksAsync(goalId)).TaskId;

        var bySupport = await queue.RequeueAsync(taskId, GatewayHarness.Support, default);
        Assert.False(bySupport.Succeeded);
        Assert.Contains("only its creator (approver@test.local) or the founder", bySupport.Message);
        Assert.Equal("failed", Assert.Single(await TasksAsync(goalId)).Status);

        var byCreator = await queue.RequeueAsync(taskId, " Approver@Test.Local ", default);
        Assert.True(byCreator.Succeeded, byCreator.Message);
        var queued = Assert.Single(await TasksAsync(goalId));
        Assert.Equal("queued", queued.Status);
        Assert.Equal("failed → queued", queued.AuditLog[^1].Action);
        Assert.Equal("re-queued by approver@test.local", queued.AuditLog[^1].Result);
        Assert.Equal("active", await GoalStatusAsync(goalId));
        Assert.Equal(1, await MovesAsync(harness, "TaskStatusChanged", "task_id", taskId, "queued"));
        Assert.Equal(1, await MovesAsync(harness, "GoalStatusChanged", "goal_id", goalId, "active"));

        var again = await queue.RequeueAsync(taskId, GatewayHarness.Approver, default);
        Assert.False(again.Succeeded);
        Assert.Contains("is queued; only a failed task can be re-queued", again.Message);

        // The next worker takes it like any queued task (and whatever else is queued in this shared database).
        await Runner(queue, new RecordingTurn(Done)).RunAvailableAsync("worker-a", 100, default);
        var done = Assert.Single(await TasksAsync(goalId));
        Assert.Equal("done", done.Status);
        Assert.Equal(["failed → queued", "queued → running", "running → done"], done.AuditLog.Select(e => e.Action).TakeLast(3));
        Assert.Equal("done", await GoalStatusAsync(goalId));
    }

    [Fact]
    public async Task The_founder_may_re_queue_any_goal_s_task_and_nobody_else_or_nothing_unknown_is_re_queued()
    {
        var (_, queue) = await CreateAsync();
        var goalId = await AddGoalAsync(1, taskStatus: "failed", createdBy: GatewayHarness.Approver);
        var taskId = Assert.Single(await TasksAsync(goalId)).TaskId;

        foreach (var refused in new[] { GatewayHarness.Developer, GatewayHarness.Disabled, "stranger@test.local" })
            Assert.False((await queue.RequeueAsync(taskId, refused, default)).Succeeded);
        var unknown = await queue.RequeueAsync(Guid.NewGuid(), GatewayHarness.Founder, default);
        Assert.False(unknown.Succeeded);
        Assert.StartsWith("no goal task ", unknown.Message);
        Assert.Equal("failed", Assert.Single(await TasksAsync(goalId)).Status);

        Assert.True((await queue.RequeueAsync(taskId, GatewayHarness.Founder, default)).Succeeded);
        Assert.Equal("queued", Assert.Single(await TasksAsync(goalId)).Status);
        await Runner(queue, new RecordingTurn(Done)).RunAvailableAsync("worker-a", 100, default);
    }
}
