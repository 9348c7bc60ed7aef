using Bunit;
using LiveShop.Chat.Components.Chat;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Orchestration;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Components;

public sealed class ChatMessageListTests(OfflineLiveShopServer server) : IClassFixture<OfflineLiveShopServer>
{
    [Fact]
    public async Task Messages_show_in_order_with_their_authors_and_each_reply_its_cards()
    {
        await OrderRows.AddAsync(server.Database, "o_870001", total: 120m);
        await OrderRows.AddAsync(server.Database, "o_870002", total: 900m);
        var small = await ComponentHost.ActAsync(server, "refund $20 on o_870001 because it was late");
        var large = await ComponentHost.ActAsync(server, "refund $640 on o_870002");
        var approval = await ComponentHost.ApprovalOfAsync(server, large);
        var first = new ChatMessageView { Role = "assistant", Persona = "returns_refunds", Text = "Refunded $20." };
        first.Actions.Add(small);
        var second = new ChatMessageView { Role = "assistant", Persona = "returns_refunds", Text = "That needs the founder." };
        second.Actions.Add(large);
        ChatMessageView[] messages = [new() { Role = "user", Text = "refund $20 on o_870001" }, first, new() { Role = "user", Text = "refund $640 on o_870002" }, second];
        await using var context = ComponentHost.Create(server);

        var list = context.Render<ChatMessageList>(p => p
            .Add(c => c.Messages, messages)
            .Add(c => c.Approvals, new Dictionary<Guid, ApprovalRecord> { [approval.ApprovalId] = approval }));

        var shown = list.FindAll("[data-testid^=message-]").Where(e => e.GetAttribute("data-testid") is "message-user" or "message-assistant").ToList();
        Assert.Equal(["message-user", "message-assistant", "message-user", "message-assistant"], shown.Select(e => e.GetAttribute("data-testid")));
        Assert.Equal(["refund $20 on o_870001", "Refunded $20.", "refund $640 on o_870002", "That needs the founder."],
            list.FindAll("[data-testid=message-text]").Select(e => e.TextContent));
        Assert.StartsWith("You", shown[0].TextContent.Trim());
        Assert.StartsWith("returns_refunds", shown[1].TextContent.Trim());
        Assert.Equal(["executed", "awaiting founder approval"], list.FindAll("[data-testid=action-status]").Select(e => e.TextContent));
        // Only the reply whose action waits holds the decision buttons.
        Assert.Empty(shown[1].QuerySelectorAll("[data-testid=approve]"));
        Assert.Single(shown[3].QuerySelectorAll("[data-testid=approve]"));
    }

    [Fact]
    public async Task A_reply_that_recorded_a_goal_shows_its_tasks_and_their_status()
    {
        var goalId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        AgentTask Task(string persona, string status, string last) => new()
        {
            TaskId = Guid.NewGuid(), GoalId = goalId, OwnerAgent = persona, RiskLevel = "L0", DoneDefinition = $"{persona} is done", Status = status,
            AuditLog = [new TaskAuditEntry { Timestamp = now, Tool = "orchestrator", Action = "running → " + status, Result = last }],
        };
        var goal = new GoalView(goalId, "reduce ad spend 10% over 30 days", "active", LiveShopServer.FounderEmail, now,
            [Task("ceo", "done", "executed generate_report"), Task("ads_optimizer", "awaiting_approval", "1 action(s) wait for approval: pause_ad_set"), Task("cfo", "failed", "clarification needed: which ad set?")]);
        var reply = new ChatMessageView { Role = "assistant", Persona = "ceo", Text = "Goal recorded.", GoalId = goalId };
        await using var context = ComponentHost.Create(server);

        var list = context.Render<ChatMessageList>(p => p
            .Add(c => c.Messages, [reply])
            .Add(c => c.Goals, new Dictionary<Guid, GoalView> { [goalId] = goal }));

        Assert.Equal("active", list.Find("[data-testid=goal-status]").TextContent);
        Assert.Equal(["done", "awaiting approval", "failed"], list.FindAll("[data-testid=goal-task-status]").Select(e => e.TextContent));
        Assert.Equal("clarification needed: which ad set?", list.FindAll("[data-testid=goal-task-result]")[2].TextContent);
        Assert.Contains("bad", list.FindAll("[data-testid=goal-task]")[2].ClassName);

        // Without the goal read yet, the reply shows no goal panel.
        list.Render(p => p.Add(c => c.Goals, new Dictionary<Guid, GoalView>()));
        Assert.Empty(list.FindAll("[data-testid=goal]"));
    }

    [Fact]
    public async Task The_persona_picker_offers_routing_and_every_persona_by_display_name_and_reports_the_choice()
    {
        var personas = server.Services.GetRequiredService<PersonaCatalog>().All;
        string? chosen = null;
        await using var context = ComponentHost.Create(server);

        var picker = context.Render<PersonaPicker>(p => p
            .Add(c => c.Personas, personas)
            .Add(c => c.Value, "cfo")
            .Add(c => c.ValueChanged, (string value) => chosen = value));

        var options = picker.FindAll("option");
        Assert.Equal(personas.Count + 1, options.Count);
        Assert.Equal("", options[0].GetAttribute("value"));
        Assert.Equal("Route by intent", options[0].TextContent);
        Assert.Equal(personas.Select(p => p.DisplayName).Order(StringComparer.CurrentCulture), options.Skip(1).Select(o => o.TextContent));
        Assert.Equal("cfo", picker.Find("select").GetAttribute("value"));

        await picker.Find("select").ChangeAsync(new() { Value = "returns_refunds" });
        Assert.Equal("returns_refunds", chosen);
        await picker.Find("select").ChangeAsync(new() { Value = "" });
        Assert.Equal("", chosen);
    }
}
