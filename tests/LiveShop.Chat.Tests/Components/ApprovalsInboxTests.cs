using Bunit;
using LiveShop.Chat.Components.Approvals;
using LiveShop.Chat.Components.Pages;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Components;

public sealed class ApprovalsInboxTests(OfflineLiveShopServer server) : IClassFixture<OfflineLiveShopServer>
{
    [Fact]
    public async Task The_inbox_lists_pending_requests_as_cards_and_decided_ones_in_the_table()
    {
        await OrderRows.AddAsync(server.Database, "o_860001", total: 900m);
        await OrderRows.AddAsync(server.Database, "o_860002", total: 900m);
        var pending = await ComponentHost.ApprovalOfAsync(server, await ComponentHost.ActAsync(server, "refund $600 on o_860001"));
        var rejected = await ComponentHost.ApprovalOfAsync(server, await ComponentHost.ActAsync(server, "refund $601 on o_860002"));
        rejected = rejected with { Status = ApprovalStatus.Rejected, DecidedBy = LiveShopServer.FounderEmail, DecidedAt = DateTimeOffset.UtcNow, DecisionReason = "duplicate" };
        await using var context = ComponentHost.Create(server);

        var inbox = context.Render<ApprovalsInbox>(p => p.Add(c => c.Pending, [pending]).Add(c => c.Decided, [rejected]));

        Assert.Contains("Waiting for a decision (1)", inbox.Find("[data-testid=pending-approvals] h2").TextContent);
        var card = inbox.Find("[data-testid=approval-card]");
        Assert.Equal(pending.ApprovalId.ToString(), card.GetAttribute("data-approval-id"));
        Assert.Contains("order_id: o_860001", card.QuerySelector("[data-testid=parameters]")!.TextContent);
        Assert.Equal("the founder", card.QuerySelector("[data-testid=required-approver]")!.TextContent);
        var row = inbox.Find("[data-testid=decided-approval]");
        Assert.Equal("rejected", row.GetAttribute("data-status"));
        Assert.Contains("duplicate", row.TextContent);
        Assert.Empty(inbox.FindAll("[data-testid=decision-outcome]"));
    }

    [Fact]
    public async Task An_empty_inbox_says_so_and_an_outcome_is_shown_as_ok_or_error()
    {
        await using var context = ComponentHost.Create(server);
        var inbox = context.Render<ApprovalsInbox>(p => p.Add(c => c.Pending, []).Add(c => c.Outcome, new ApprovalCard.DecisionMade(Guid.NewGuid(), false, "refused", "only the founder may approve an L3 action")));

        Assert.Contains("Nothing is waiting for approval.", inbox.Find("[data-testid=pending-approvals]").TextContent);
        var outcome = inbox.Find("[data-testid=decision-outcome]");
        Assert.Equal("refused", outcome.GetAttribute("data-status"));
        Assert.Contains("error", outcome.ClassName);
        Assert.Contains("only the founder may approve an L3 action", outcome.TextContent);

        inbox.Render(p => p.Add(c => c.Outcome, new ApprovalCard.DecisionMade(Guid.NewGuid(), true, "executed", "refund_order executed")));
        Assert.Contains("ok", inbox.Find("[data-testid=decision-outcome]").ClassName);
    }

    [Fact]
    public async Task The_approvals_page_loads_real_requests_and_a_decision_on_it_moves_the_request_to_decided()
    {
        await OrderRows.AddAsync(server.Database, "o_860003", total: 900m);
        var action = await ComponentHost.ActAsync(server, "refund $603 on o_860003");
        await using var context = ComponentHost.Create(server);

        var page = context.Render<Approvals>();
        var card = CardOf(page, action.ApprovalId!.Value);
        await card.QuerySelector("[data-testid=approve]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("executed", page.Find("[data-testid=decision-outcome]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(page.FindAll("[data-testid=approval-card]"), c => c.GetAttribute("data-approval-id") == action.ApprovalId.ToString());
        Assert.Contains(page.FindAll("[data-testid=decided-approval]"), r => r.GetAttribute("data-approval-id") == action.ApprovalId.ToString() && r.GetAttribute("data-status") == "executed");
        Assert.Equal(ApprovalStatus.Executed, (await server.Services.GetRequiredService<ApprovalGate>().GetAsync(action.ApprovalId!.Value, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Support_sees_the_inbox_but_no_decision_buttons()
    {
        await OrderRows.AddAsync(server.Database, "o_860004", total: 900m);
        var action = await ComponentHost.ActAsync(server, "refund $604 on o_860004");
        await using var context = ComponentHost.Create(server, ComponentHost.SupportEmail, "support");

        var page = context.Render<Approvals>();

        var card = CardOf(page, action.ApprovalId!.Value);
        Assert.Null(card.QuerySelector("[data-testid=approve]"));
        Assert.Null(card.QuerySelector("[data-testid=reject]"));
        Assert.NotNull(card.QuerySelector("[data-testid=cannot-decide]"));
    }

    // The page loads its requests after the first render.
    private static AngleSharp.Dom.IElement CardOf(IRenderedComponent<Approvals> page, Guid approvalId)
    {
        AngleSharp.Dom.IElement? card = null;
        page.WaitForAssertion(() => card = Assert.Single(page.FindAll("[data-testid=approval-card]"), c => c.GetAttribute("data-approval-id") == approvalId.ToString()),
            TimeSpan.FromSeconds(10));
        return card!;
    }
}
