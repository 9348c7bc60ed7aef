using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Messaging;

/// <summary>Older Teams clients (Action.Submit), Slack rate limits, and L3 cards when the founder has not linked Slack.</summary>
[Collection(MessagingCollection.Name)]
public sealed class ApprovalFallbackTests(MessagingServer server)
{
    private JsonObject SubmitMessage(string fromId, Guid approvalId, string verb) => new()
    {
        ["type"] = "message", ["id"] = $"incoming-{Guid.NewGuid():N}", ["serviceUrl"] = server.Bot.BaseUrl, ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = fromId },
        ["conversation"] = new JsonObject { ["id"] = MessagingServer.TeamsConversation },
        ["recipient"] = new JsonObject { ["id"] = "28:" + MessagingServer.TeamsAppId },
        // What an Action.Submit button sends: the card's data as the message's value, no text.
        ["value"] = new JsonObject { ["approval_id"] = approvalId.ToString(), ["verb"] = verb },
    };

    private async Task<HttpResponseMessage> SendToTeamsAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/teams/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Bot.CreateToken(MessagingServer.TeamsAppId));
        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_Teams_Action_Submit_fallback_decides_like_Action_Execute_and_the_card_is_updated_through_the_Conversations_API()
    {
        await server.LinkAsync("teams", "29:submit-support", "support@liveshop.local");
        await server.LinkAsync("teams", "29:submit-approver", "approver@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 260 });
        await server.Bot.WaitForAsync(c => c.Method == "POST" && c.Body.ToJsonString().Contains(approvalId.ToString()));

        var bySupport = SubmitMessage("29:submit-support", approvalId, "approve");
        Assert.Equal(HttpStatusCode.OK, (await SendToTeamsAsync(bySupport)).StatusCode);
        var refusal = await server.Bot.WaitForAsync(c => c.Path.EndsWith($"/activities/{bySupport["id"]}", StringComparison.Ordinal));
        Assert.Contains("Not decided", refusal.Body["text"]!.GetValue<string>());
        Assert.Equal("pending", await server.ApprovalStatusAsync(approvalId));

        var byApprover = SubmitMessage("29:submit-approver", approvalId, "approve");
        Assert.Equal(HttpStatusCode.OK, (await SendToTeamsAsync(byApprover)).StatusCode);

        Assert.Equal("executed", await server.WaitForApprovalStatusAsync(approvalId, "executed"));
        var reply = await server.Bot.WaitForAsync(c => c.Path.EndsWith($"/activities/{byApprover["id"]}", StringComparison.Ordinal));
        Assert.StartsWith("Done:", reply.Body["text"]!.GetValue<string>());
        var cardId = await PostedActivityIdAsync(approvalId);
        var update = await server.Bot.WaitForAsync(c => c.Method == "PUT" && c.Path.EndsWith($"/activities/{cardId}", StringComparison.Ordinal)
            && c.Body.ToJsonString().Contains("approver@liveshop.local"));
        Assert.DoesNotContain("Action.Execute", update.Body.ToJsonString());
    }

    [Fact]
    public async Task Slack_429_with_Retry_After_is_honoured_and_the_card_is_posted_once()
    {
        // The amount makes this card recognisable before its approval id exists.
        server.Slack.RateLimitOnce("chat.postMessage", b => b.ToJsonString().Contains("271"));
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 271 });

        var card = await server.Slack.WaitForAsync("chat.postMessage", b => b["blocks"]?.ToJsonString().Contains(approvalId.ToString()) == true);
        var limited = Assert.Single(server.Slack.RateLimited, r => r.Method == "chat.postMessage");
        Assert.True(card.At - limited.At >= TimeSpan.FromMilliseconds(900), $"retried after {(card.At - limited.At).TotalMilliseconds} ms, before Retry-After");
        await Task.Delay(1000); // a few sync rounds: none may post the card again
        Assert.Single(server.Slack.CallsOf("chat.postMessage", b => b["blocks"]?.ToJsonString().Contains(approvalId.ToString()) == true));

        server.Slack.RateLimitOnce("chat.update", b => b["ts"]?.GetValue<string>() == card.Ts);
        await server.LinkAsync("slack", "U_RATE_APPROVER", "approver@liveshop.local");
        var click = new JsonObject
        {
            ["type"] = "block_actions", ["trigger_id"] = "trigger-rate",
            ["user"] = new JsonObject { ["id"] = "U_RATE_APPROVER" },
            ["channel"] = new JsonObject { ["id"] = card.Body["channel"]!.GetValue<string>() },
            ["message"] = new JsonObject { ["ts"] = card.Ts },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "approval_approve", ["value"] = approvalId.ToString(), ["action_ts"] = "1700000900.1" }),
        }.ToJsonString();
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(MessagingServer.SlackInteraction(click))).StatusCode);

        var update = await server.Slack.WaitForAsync("chat.update", b => b["ts"]?.GetValue<string>() == card.Ts && b["blocks"]!.ToJsonString().Contains("approver@liveshop.local"));
        var limitedUpdate = Assert.Single(server.Slack.RateLimited, r => r.Method == "chat.update");
        Assert.True(update.At > limitedUpdate.At);
        Assert.Equal("executed", await server.WaitForApprovalStatusAsync(approvalId, "executed"));
    }

    [Fact]
    public async Task An_L3_card_for_a_founder_without_linked_Slack_goes_to_the_approvals_channel_saying_so_and_only_the_founder_can_decide()
    {
        await using (var unlink = server.Database.OwnerDataSource.CreateCommand(
            "DELETE FROM chat_user_links WHERE platform = 'slack' AND lower(user_email) = 'founder@liveshop.local'"))
            await unlink.ExecuteNonQueryAsync();
        await server.LinkAsync("slack", "U_L3_APPROVER", "approver@liveshop.local");

        var approvalId = await server.RequestApprovalAsync("pay_creator", new { creator_id = "cr_9", amount = 910 });
        var card = await server.Slack.WaitForAsync("chat.postMessage", b => b["blocks"]?.ToJsonString().Contains(approvalId.ToString()) == true);

        Assert.Equal(MessagingServer.ApprovalsChannel, card.Body["channel"]!.GetValue<string>());
        var blocks = card.Body["blocks"]!.ToJsonString();
        Assert.Contains("the founder has not linked Slack (/liveshop link)", blocks);
        Assert.Contains("only the founder can decide it", blocks);

        var click = new JsonObject
        {
            ["type"] = "block_actions", ["trigger_id"] = "trigger-l3",
            ["user"] = new JsonObject { ["id"] = "U_L3_APPROVER" },
            ["channel"] = new JsonObject { ["id"] = MessagingServer.ApprovalsChannel },
            ["message"] = new JsonObject { ["ts"] = card.Ts },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "approval_approve", ["value"] = approvalId.ToString(), ["action_ts"] = "1700000950.1" }),
        }.ToJsonString();
        await server.Client.SendAsync(MessagingServer.SlackInteraction(click));
        var notice = await server.Slack.WaitForAsync("chat.postEphemeral", b => b["user"]?.GetValue<string>() == "U_L3_APPROVER");
        Assert.Contains("Not decided", notice.Body["text"]!.GetValue<string>());
        Assert.Equal("pending", await server.ApprovalStatusAsync(approvalId));
    }

    private async Task<string> PostedActivityIdAsync(Guid approvalId)
    {
        await using var command = server.Database.DataSource.CreateCommand(
            "SELECT message_ref FROM approval_card_posts WHERE approval_id = $1 AND platform = 'teams'");
        command.Parameters.Add(new() { Value = approvalId });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
