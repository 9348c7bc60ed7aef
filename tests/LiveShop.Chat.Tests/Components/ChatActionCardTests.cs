using Bunit;
using LiveShop.Chat.Components.Approvals;
using LiveShop.Chat.Components.Chat;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Verification;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Components;

public sealed class ChatActionCardTests(OfflineLiveShopServer server) : IClassFixture<OfflineLiveShopServer>
{
    [Fact]
    public async Task An_executed_action_shows_its_verdict_risk_every_check_and_status_and_nothing_to_decide()
    {
        await OrderRows.AddAsync(server.Database, "o_880001", total: 120m);
        var action = await ComponentHost.ActAsync(server, "refund $40 on o_880001 because the parcel arrived damaged");
        await using var context = ComponentHost.Create(server);

        var card = context.Render<ChatActionCard>(p => p.Add(c => c.Action, action));

        Assert.Equal("refund_order", card.Find("[data-testid=action-card]").GetAttribute("data-function"));
        Assert.Equal("executed", card.Find("[data-testid=action-status]").TextContent);
        Assert.Equal("allow", card.Find("[data-testid=action-decision]").TextContent);
        Assert.Equal(action.Verdict!.RiskLevel.ToString(), card.Find("[data-testid=action-risk]").TextContent);
        Assert.Contains("order_id: o_880001", card.Find("[data-testid=action-arguments]").TextContent);
        var checks = card.FindAll("[data-testid=check]");
        Assert.Equal(action.Verdict.Proof.InvariantChecks.Count, checks.Count);
        Assert.All(action.Verdict.Proof.InvariantChecks.Zip(checks), pair =>
        {
            Assert.Contains(pair.First.Id, pair.Second.TextContent);
            Assert.Contains(pair.First.Status == CheckStatus.Pass ? "PASS" : pair.First.Status == CheckStatus.NotApplicable ? "N/A" : pair.First.Status.ToString().ToUpperInvariant(), pair.Second.TextContent);
        });
        Assert.Empty(card.FindAll("[data-testid=approve]"));
    }

    [Fact]
    public async Task A_pending_action_offers_approve_and_reject_to_the_founder_only()
    {
        await OrderRows.AddAsync(server.Database, "o_880002", total: 900m);
        var action = await ComponentHost.ActAsync(server, "refund $600 on o_880002");
        var approval = await ComponentHost.ApprovalOfAsync(server, action);

        await using (var founder = ComponentHost.Create(server))
        {
            var card = founder.Render<ChatActionCard>(p => p.Add(c => c.Action, action).Add(c => c.Approval, approval));
            Assert.Equal("awaiting founder approval", card.Find("[data-testid=action-status]").TextContent);
            Assert.Equal("L3", card.Find("[data-testid=action-risk]").TextContent);
            Assert.Single(card.FindAll("[data-testid=approve]"));
            Assert.Single(card.FindAll("[data-testid=reject]"));
            Assert.Empty(card.FindAll("[data-testid=cannot-decide]"));
        }
        await using (var support = ComponentHost.Create(server, ComponentHost.SupportEmail, "support"))
        {
            var card = support.Render<ChatActionCard>(p => p.Add(c => c.Action, action).Add(c => c.Approval, approval));
            Assert.Empty(card.FindAll("[data-testid=approve]"));
            Assert.Empty(card.FindAll("[data-testid=reject]"));
            Assert.Contains("can never approve", card.Find("[data-testid=cannot-decide]").TextContent);
        }
        await using (var approver = ComponentHost.Create(server, "approver@liveshop.local", "approver"))
        {
            // An L3 refund needs the founder: an approver sees why not, not the buttons.
            var card = approver.Render<ChatActionCard>(p => p.Add(c => c.Action, action).Add(c => c.Approval, approval));
            Assert.Empty(card.FindAll("[data-testid=approve]"));
            Assert.Contains("only the founder", card.Find("[data-testid=cannot-decide]").TextContent);
        }
    }

    [Fact]
    public async Task Clicking_approve_decides_through_the_gate_and_executes_the_refund()
    {
        await OrderRows.AddAsync(server.Database, "o_880003", total: 900m);
        var action = await ComponentHost.ActAsync(server, "refund $650 on o_880003");
        var approval = await ComponentHost.ApprovalOfAsync(server, action);
        ApprovalCard.DecisionMade? decided = null;
        await using var context = ComponentHost.Create(server);
        var card = context.Render<ChatActionCard>(p => p
            .Add(c => c.Action, action).Add(c => c.Approval, approval)
            .Add(c => c.OnDecided, (ApprovalCard.DecisionMade d) => decided = d));

        await card.Find("[data-testid=approve]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.NotNull(decided), TimeSpan.FromSeconds(10));
        Assert.True(decided!.Succeeded);
        Assert.Equal("executed", decided.Status);
        Assert.Equal(approval.ApprovalId, decided.ApprovalId);
        Assert.Equal(ApprovalStatus.Executed, (await ComponentHost.ApprovalOfAsync(server, action)).Status);
        await using var db = server.Database.CreateContext();
        Assert.Equal(650m, await db.Refunds.Where(r => r.OrderId == "o_880003").SumAsync(r => r.Amount));
    }

    [Fact]
    public async Task Reject_needs_a_reason_before_the_gate_is_asked_then_rejects()
    {
        await OrderRows.AddAsync(server.Database, "o_880004", total: 900m);
        var action = await ComponentHost.ActAsync(server, "refund $620 on o_880004");
        var approval = await ComponentHost.ApprovalOfAsync(server, action);
        var decisions = new List<ApprovalCard.DecisionMade>();
        await using var context = ComponentHost.Create(server);
        var card = context.Render<ChatActionCard>(p => p
            .Add(c => c.Action, action).Add(c => c.Approval, approval)
            .Add(c => c.OnDecided, (ApprovalCard.DecisionMade d) => decisions.Add(d)));

        await card.Find("[data-testid=reject]").ClickAsync(new());
        Assert.Equal("Give a reason to reject.", card.Find("[data-testid=decision-validation]").TextContent);
        Assert.Empty(decisions);
        Assert.Equal(ApprovalStatus.Pending, (await ComponentHost.ApprovalOfAsync(server, action)).Status);

        await card.Find("[data-testid=decision-reason]").InputAsync(new() { Value = "already refunded by the bank" });
        await card.Find("[data-testid=reject]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.Single(decisions), TimeSpan.FromSeconds(10));
        Assert.Equal("rejected", decisions[0].Status);
        var stored = await ComponentHost.ApprovalOfAsync(server, action);
        Assert.Equal(ApprovalStatus.Rejected, stored.Status);
        Assert.Equal("already refunded by the bank", stored.DecisionReason);
    }

    [Fact]
    public async Task The_card_follows_a_decision_made_elsewhere()
    {
        await OrderRows.AddAsync(server.Database, "o_880005", total: 900m);
        var action = await ComponentHost.ActAsync(server, "refund $610 on o_880005");
        var pending = await ComponentHost.ApprovalOfAsync(server, action);
        await using var context = ComponentHost.Create(server);
        var card = context.Render<ChatActionCard>(p => p.Add(c => c.Action, action).Add(c => c.Approval, pending));
        Assert.Equal("awaiting_approval", card.Find("[data-testid=action-card]").GetAttribute("data-status"));

        card.Render(p => p.Add(c => c.Approval, pending with { Status = ApprovalStatus.Rejected, DecidedBy = LiveShopServer.FounderEmail, DecisionReason = "duplicate" }));

        Assert.Equal("rejected", card.Find("[data-testid=action-status]").TextContent);
        Assert.Contains("Approval rejected by founder@liveshop.local duplicate", card.Markup);
        Assert.Empty(card.FindAll("[data-testid=approve]"));
        // The verdict's checks stay visible once nothing is left to decide.
        Assert.Equal(action.Verdict!.Proof.InvariantChecks.Count, card.FindAll("[data-testid=check]").Count);
    }
}
