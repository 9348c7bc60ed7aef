using Bunit;
using LiveShop.Chat.Components.Pages;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Chat.Tests.Components;

public sealed class GoalsPageTests(OfflineLiveShopServer server) : IClassFixture<OfflineLiveShopServer>
{
    [Fact]
    public async Task The_goals_page_shows_each_goal_with_its_tasks_current_status_and_last_step()
    {
        var goalId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using (var db = server.Database.CreateContext())
        {
            db.Goals.Add(new Goal { Id = goalId, Text = "reduce ad spend 10% over 30 days", CreatedBy = LiveShopServer.FounderEmail, CreatedAt = now, Status = "active" });
            db.AgentTasks.AddRange(
                new AgentTask
                {
                    TaskId = Guid.NewGuid(), GoalId = goalId, OwnerAgent = "ceo", RiskLevel = "L0", DoneDefinition = "a progress report", Status = "done",
                    CreatedAt = now, UpdatedAt = now,
                    AuditLog = [new TaskAuditEntry { Timestamp = now, Tool = "orchestrator", Action = "running → done", Result = "executed generate_report" }],
                },
                new AgentTask
                {
                    TaskId = Guid.NewGuid(), GoalId = goalId, OwnerAgent = "ads_optimizer", RiskLevel = "L2", DoneDefinition = "losers paused", Status = "awaiting_approval",
                    CreatedAt = now.AddSeconds(1), UpdatedAt = now,
                    AuditLog = [new TaskAuditEntry { Timestamp = now, Tool = "orchestrator", Action = "running → awaiting_approval", Result = "1 action(s) wait for approval: scale_ad_set" }],
                });
            await db.SaveChangesAsync();
        }
        await using var context = ComponentHost.Create(server);

        var page = context.Render<Goals>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=goal]"), g => g.GetAttribute("data-goal-id") == goalId.ToString()), TimeSpan.FromSeconds(10));
        var goal = page.FindAll("[data-testid=goal]").Single(g => g.GetAttribute("data-goal-id") == goalId.ToString());
        Assert.Equal("active", goal.GetAttribute("data-status"));
        Assert.Contains("reduce ad spend 10% over 30 days", goal.TextContent);
        var rows = goal.QuerySelectorAll("[data-testid=goal-task]");
        Assert.Equal(["done", "awaiting_approval"], rows.Select(r => r.GetAttribute("data-status")));
        Assert.Equal("awaiting approval", rows[1].QuerySelector("[data-testid=goal-task-status]")!.TextContent);
        Assert.Equal("1 action(s) wait for approval: scale_ad_set", rows[1].QuerySelector("[data-testid=goal-task-result]")!.TextContent);
        Assert.Contains("warn", rows[1].ClassName);
    }

    private async Task<(Guid GoalId, Guid FailedTaskId)> AddFailedGoalAsync()
    {
        var goalId = Guid.NewGuid();
        var failedTaskId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using var db = server.Database.CreateContext();
        db.Goals.Add(new Goal { Id = goalId, Text = "grow repeat orders 5% over 30 days", CreatedBy = LiveShopServer.FounderEmail, CreatedAt = now, Status = "failed" });
        db.AgentTasks.AddRange(
            new AgentTask
            {
                TaskId = Guid.NewGuid(), GoalId = goalId, OwnerAgent = "ceo", RiskLevel = "L0", DoneDefinition = "a progress report", Status = "done",
                CreatedAt = now, UpdatedAt = now,
            },
            new AgentTask
            {
                TaskId = failedTaskId, GoalId = goalId, OwnerAgent = "offer_architect", RiskLevel = "L1", DoneDefinition = "a price test designed", Status = "failed",
                CreatedAt = now.AddSeconds(1), UpdatedAt = now,
                AuditLog = [new TaskAuditEntry { Timestamp = now, Tool = "orchestrator", Action = "running → failed", Result = "clarification needed: which product?" }],
            });
        await db.SaveChangesAsync();
        return (goalId, failedTaskId);
    }

    private async Task<AgentTask> TaskAsync(Guid taskId)
    {
        await using var db = server.Database.CreateContext();
        return db.AgentTasks.Single(t => t.TaskId == taskId);
    }

    [Fact]
    public async Task The_founder_re_queues_a_failed_task_from_the_goals_page()
    {
        var (goalId, failedTaskId) = await AddFailedGoalAsync();
        await using var context = ComponentHost.Create(server);
        var page = context.Render<Goals>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=goal]"), g => g.GetAttribute("data-goal-id") == goalId.ToString()), TimeSpan.FromSeconds(10));
        var goal = page.FindAll("[data-testid=goal]").Single(g => g.GetAttribute("data-goal-id") == goalId.ToString());
        // Only the failed task offers a re-queue.
        var button = Assert.Single(goal.QuerySelectorAll("[data-testid=requeue]"));
        Assert.Equal(failedTaskId.ToString(), button.Closest("[data-testid=goal-task]")!.GetAttribute("data-task-id"));

        await button.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=requeue-outcome]").GetAttribute("data-succeeded")), TimeSpan.FromSeconds(10));
        Assert.Contains("is queued again", page.Find("[data-testid=requeue-outcome]").TextContent);
        // The host's goal worker may already have taken it up again; the move back to the queue is on record either way.
        Assert.Contains((await TaskAsync(failedTaskId)).AuditLog, e => e.Action == "failed → queued" && e.Result == $"re-queued by {LiveShopServer.FounderEmail}");
    }

    [Fact]
    public async Task Support_cannot_re_queue_a_goal_they_did_not_give_and_sees_why()
    {
        var (goalId, failedTaskId) = await AddFailedGoalAsync();
        await using var context = ComponentHost.Create(server, ComponentHost.SupportEmail, "support");
        var page = context.Render<Goals>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=goal]"), g => g.GetAttribute("data-goal-id") == goalId.ToString()), TimeSpan.FromSeconds(10));
        var goal = page.FindAll("[data-testid=goal]").Single(g => g.GetAttribute("data-goal-id") == goalId.ToString());

        await goal.QuerySelector("[data-testid=requeue]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=requeue-outcome]").GetAttribute("data-succeeded")), TimeSpan.FromSeconds(10));
        Assert.Contains("may not re-queue", page.Find("[data-testid=requeue-outcome]").TextContent);
        var task = await TaskAsync(failedTaskId);
        Assert.Equal("failed", task.Status);
        Assert.DoesNotContain(task.AuditLog, e => e.Action == "failed → queued");
    }
}
