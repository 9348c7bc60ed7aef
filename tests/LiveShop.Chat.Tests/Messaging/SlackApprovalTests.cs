using System.Net;
using System.Text.Json.Nodes;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Messaging;

[Collection(MessagingCollection.Name)]
public sealed class SlackApprovalTests(MessagingServer server)
{
    private async Task<SlackCall> CardOfAsync(Guid approvalId) =>
        await server.Slack.WaitForAsync("chat.postMessage", b => b["blocks"]?.ToJsonString().Contains(approvalId.ToString()) == true);

    private static string Click(string user, Guid approvalId, SlackCall card, string actionId = "approval_approve", string actionTs = "1700000100.1") => new JsonObject
    {
        ["type"] = "block_actions", ["trigger_id"] = $"trigger-{actionTs}",
        ["user"] = new JsonObject { ["id"] = user },
        ["channel"] = new JsonObject { ["id"] = card.Body["channel"]!.GetValue<string>() },
        ["message"] = new JsonObject { ["ts"] = "ignored-by-design" },
        ["actions"] = new JsonArray(new JsonObject { ["action_id"] = actionId, ["value"] = approvalId.ToString(), ["action_ts"] = actionTs }),
    }.ToJsonString();

    private async Task<int> SupplierPaymentsAsync()
    {
        await using var command = server.Database.DataSource.CreateCommand("SELECT count(*) FROM journal_entries WHERE source_type = 'supplier_payment'");
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private IReadOnlyList<SlackCall> UpdatesOf(string ts) => server.Slack.CallsOf("chat.update", b => b["ts"]?.GetValue<string>() == ts);

    [Fact]
    public async Task A_card_with_checks_and_buttons_is_posted_and_a_linked_approver_click_decides_executes_once_and_updates_it()
    {
        await server.LinkAsync("slack", "U_APPROVER", "approver@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 120 });
        var card = await CardOfAsync(approvalId);
        Assert.Equal(MessagingServer.ApprovalsChannel, card.Body["channel"]!.GetValue<string>());
        Assert.Equal("Bearer xoxb-test", card.Authorization);
        var blocks = card.Body["blocks"]!.ToJsonString();
        Assert.Contains("pay_supplier", blocks);
        Assert.Contains("L2", blocks);
        Assert.Contains("approval_approve", blocks);
        Assert.Contains("approval_reject", blocks);
        var payments = await SupplierPaymentsAsync();

        var click = Click("U_APPROVER", approvalId, card);
        var response = await server.Client.SendAsync(MessagingServer.SlackInteraction(click));
        var replay = await server.Client.SendAsync(MessagingServer.SlackInteraction(click));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);

        var cardTs = CardTs(card);
        var update = await server.Slack.WaitForAsync("chat.update", b => b["ts"]?.GetValue<string>() == cardTs && b["blocks"]!.ToJsonString().Contains("approver@liveshop.local"));
        Assert.DoesNotContain("\"actions\"", update.Body["blocks"]!.ToJsonString());
        Assert.DoesNotContain("approval_approve", update.Body["blocks"]!.ToJsonString());
        Assert.Equal("executed", await server.WaitForApprovalStatusAsync(approvalId, "executed"));
        await Task.Delay(800);
        Assert.Equal(payments + 1, await SupplierPaymentsAsync());
    }

    [Fact]
    public async Task A_second_genuine_click_by_the_same_approver_is_idempotent()
    {
        await server.LinkAsync("slack", "U_APPROVER", "approver@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 130 });
        var card = await CardOfAsync(approvalId);
        await server.Client.SendAsync(MessagingServer.SlackInteraction(Click("U_APPROVER", approvalId, card, actionTs: "1700000200.1")));
        await server.Slack.WaitForAsync("chat.update", b => b["ts"]?.GetValue<string>() == CardTs(card));
        Assert.Equal("executed", await server.WaitForApprovalStatusAsync(approvalId, "executed"));
        var payments = await SupplierPaymentsAsync();

        await server.Client.SendAsync(MessagingServer.SlackInteraction(Click("U_APPROVER", approvalId, card, actionTs: "1700000201.1")));
        var notice = await server.Slack.WaitForAsync("chat.postEphemeral", b => b["user"]?.GetValue<string>() == "U_APPROVER" && b["text"]!.GetValue<string>().Contains("Nothing changed"));
        Assert.Contains("already approved", notice.Body["text"]!.GetValue<string>());
        Assert.Equal(payments, await SupplierPaymentsAsync());
    }

    [Fact]
    public async Task An_unlinked_clicker_gets_an_ephemeral_link_hint_and_nothing_is_decided()
    {
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 140 });
        var card = await CardOfAsync(approvalId);
        await server.Client.SendAsync(MessagingServer.SlackInteraction(Click("U_NOBODY", approvalId, card, actionTs: "1700000300.1")));
        var notice = await server.Slack.WaitForAsync("chat.postEphemeral", b => b["user"]?.GetValue<string>() == "U_NOBODY");
        Assert.Contains("/liveshop link", notice.Body["text"]!.GetValue<string>());
        Assert.Equal("pending", await server.ApprovalStatusAsync(approvalId));
        Assert.Empty(UpdatesOf(CardTs(card)));
    }

    [Fact]
    public async Task Support_cannot_approve_money_movement()
    {
        await server.LinkAsync("slack", "U_SUPPORT", "support@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 150 });
        var card = await CardOfAsync(approvalId);
        await server.Client.SendAsync(MessagingServer.SlackInteraction(Click("U_SUPPORT", approvalId, card, actionTs: "1700000400.1")));
        var notice = await server.Slack.WaitForAsync("chat.postEphemeral", b => b["user"]?.GetValue<string>() == "U_SUPPORT" && b["text"]!.GetValue<string>().Contains("Not decided"));
        Assert.Contains("support role", notice.Body["text"]!.GetValue<string>());
        Assert.Equal("pending", await server.ApprovalStatusAsync(approvalId));
        Assert.Empty(UpdatesOf(CardTs(card)));
    }

    [Fact]
    public async Task Approving_in_Slack_what_was_rejected_elsewhere_is_refused_and_changes_nothing()
    {
        await server.LinkAsync("slack", "U_FOUNDER", "founder@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 165 });
        var card = await CardOfAsync(approvalId);
        var rejected = await server.Services.GetRequiredService<ApprovalService>().DecideAsync(
            new ApprovalDecisionRequest(approvalId, "approver@liveshop.local", ApprovalVote.Reject, "duplicate invoice"), CancellationToken.None);
        Assert.Equal(ApprovalDecisionStatus.Decided, rejected.Status);
        var payments = await SupplierPaymentsAsync();

        await server.Client.SendAsync(MessagingServer.SlackInteraction(Click("U_FOUNDER", approvalId, card, actionTs: "1700000450.1")));

        var notice = await server.Slack.WaitForAsync("chat.postEphemeral", b => b["user"]?.GetValue<string>() == "U_FOUNDER" && b["text"]!.GetValue<string>().Contains("Not decided"));
        Assert.Contains("already rejected by approver@liveshop.local", notice.Body["text"]!.GetValue<string>());
        Assert.Equal("rejected", await server.ApprovalStatusAsync(approvalId));
        Assert.Equal(payments, await SupplierPaymentsAsync());
    }

    [Fact]
    public async Task Reject_asks_for_a_reason_in_a_modal_and_the_submission_rejects_and_updates_the_card()
    {
        await server.LinkAsync("slack", "U_APPROVER", "approver@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 160 });
        var card = await CardOfAsync(approvalId);
        await server.Client.SendAsync(MessagingServer.SlackInteraction(Click("U_APPROVER", approvalId, card, "approval_reject", "1700000500.1")));
        var modal = await server.Slack.WaitForAsync("views.open", b => b["trigger_id"]?.GetValue<string>() == "trigger-1700000500.1");
        Assert.Equal("pending", await server.ApprovalStatusAsync(approvalId));

        var submission = new JsonObject
        {
            ["type"] = "view_submission", ["user"] = new JsonObject { ["id"] = "U_APPROVER" },
            ["view"] = new JsonObject
            {
                ["callback_id"] = modal.Body["view"]!["callback_id"]!.GetValue<string>(),
                ["private_metadata"] = modal.Body["view"]!["private_metadata"]!.GetValue<string>(),
                ["state"] = JsonNode.Parse("""{"values":{"reason":{"reason_input":{"type":"plain_text_input","value":"supplier already paid by bank transfer"}}}}"""),
            },
        }.ToJsonString();
        var response = await server.Client.SendAsync(MessagingServer.SlackInteraction(submission));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var update = await server.Slack.WaitForAsync("chat.update", b => b["ts"]?.GetValue<string>() == CardTs(card));
        Assert.Contains("Rejected by approver@liveshop.local", update.Body["blocks"]!.ToJsonString());
        Assert.Contains("supplier already paid by bank transfer", update.Body["blocks"]!.ToJsonString());
        Assert.Equal("rejected", await server.ApprovalStatusAsync(approvalId));
    }

    [Fact]
    public async Task A_decision_made_outside_Slack_updates_the_Slack_card()
    {
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 170 });
        var card = await CardOfAsync(approvalId);

        var pipeline = server.Services.GetRequiredService<ActionPipeline>();
        var execution = await pipeline.ApproveAndExecuteAsync(approvalId, "founder@liveshop.local", "ok from the console", CancellationToken.None);
        Assert.True(execution.Decision.Succeeded);

        var update = await server.Slack.WaitForAsync("chat.update", b => b["ts"]?.GetValue<string>() == CardTs(card));
        Assert.Contains("founder@liveshop.local", update.Body["blocks"]!.ToJsonString());
        Assert.DoesNotContain("approval_approve", update.Body["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task An_L3_card_goes_to_the_founder_by_DM_when_the_founder_linked_Slack()
    {
        await server.LinkAsync("slack", "U_FOUNDER", "founder@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_creator", new { creator_id = "cr_1", amount = 900 });
        var card = await CardOfAsync(approvalId);
        Assert.Equal("U_FOUNDER", card.Body["channel"]!.GetValue<string>());
        Assert.Contains("founder only", card.Body["blocks"]!.ToJsonString());
    }

    private static string CardTs(SlackCall card) => card.Ts;
}
