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
}
