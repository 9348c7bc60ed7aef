using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Messaging;

[Collection(MessagingCollection.Name)]
public sealed class TeamsEndpointTests(MessagingServer server)
{
    private JsonObject Activity(string type, string fromId, JsonObject? value = null, string? name = null, string? text = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type, ["id"] = $"incoming-{Guid.NewGuid():N}", ["serviceUrl"] = server.Bot.BaseUrl, ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = fromId, ["aadObjectId"] = Guid.NewGuid().ToString() },
            ["conversation"] = new JsonObject { ["id"] = "19:support@thread.tacv2" },
            ["recipient"] = new JsonObject { ["id"] = "28:" + MessagingServer.TeamsAppId },
        };
        if (name is not null) activity["name"] = name;
        if (value is not null) activity["value"] = value;
        if (text is not null) activity["text"] = text;
        return activity;
    }

    private static JsonObject CardAction(string verb, Guid approvalId, string? reason = null)
    {
        var data = new JsonObject { ["approval_id"] = approvalId.ToString(), ["verb"] = verb };
        if (reason is not null) data["reason"] = reason;
        return new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
    }

    private async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/teams/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Client.SendAsync(request);
    }

    private string ValidToken => server.Bot.CreateToken(MessagingServer.TeamsAppId);

    [Fact]
    public async Task Unsigned_forged_expired_wrong_audience_or_issuer_tokens_are_401_and_nothing_is_sent()
    {
        var before = server.Bot.Calls.Count;
        var message = Activity("message", "29:anyone", text: "where is order o_1042?");
        using var otherKey = RSA.Create(2048);
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}""")).TrimEnd('=');
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"iss":"{{server.Bot.Issuer}}","aud":"{{MessagingServer.TeamsAppId}}","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""")).TrimEnd('=');

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(message, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(message, $"{header}.{payload}.")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(message, server.Bot.CreateToken(MessagingServer.TeamsAppId, signingKey: otherKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(message, server.Bot.CreateToken(MessagingServer.TeamsAppId, expires: DateTime.UtcNow.AddMinutes(-10)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(message, server.Bot.CreateToken("someone-elses-app"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(message, server.Bot.CreateToken(MessagingServer.TeamsAppId, issuer: "https://evil.example/issuer"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(message, server.Bot.CreateToken(MessagingServer.TeamsAppId, serviceUrl: "https://elsewhere.example"))).StatusCode);
        await Task.Delay(500);
        // Other tests share the fake connector (cards they posted may update meanwhile): count only what answers this activity.
        var activityId = message["id"]!.GetValue<string>();
        Assert.DoesNotContain(server.Bot.Calls.Skip(before), c => c.Path.Contains(activityId) || c.Body.ToJsonString().Contains(activityId));
    }

    [Fact]
    public async Task An_approval_card_is_posted_whose_refresh_shows_buttons_only_to_approvers()
    {
        await server.LinkAsync("teams", "29:approver", "approver@liveshop.local");
        await server.LinkAsync("teams", "29:support", "support@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 210 });
        var posted = await server.Bot.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith("/activities") && c.Body.ToJsonString().Contains(approvalId.ToString()));
        Assert.Equal($"Bearer {FakeBotFramework.ConnectorToken}", posted.Authorization);
        var card = posted.Body["attachments"]![0]!["content"]!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var userIds = card["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).ToList();
        Assert.Contains("29:approver", userIds);
        Assert.DoesNotContain("29:support", userIds);
        Assert.Null(card["actions"]);

        var approverView = await (await SendAsync(Activity("invoke", "29:approver", CardAction("refresh", approvalId), "adaptiveCard/action"), ValidToken)).Content.ReadAsStringAsync();
        var supportView = await (await SendAsync(Activity("invoke", "29:support", CardAction("refresh", approvalId), "adaptiveCard/action"), ValidToken)).Content.ReadAsStringAsync();
        Assert.Contains("Action.Execute", JsonNode.Parse(approverView)!["value"]!["actions"]!.ToJsonString());
        Assert.Contains("\"verb\":\"approve\"", approverView);
        Assert.Null(JsonNode.Parse(supportView)!["value"]!["actions"]);
        Assert.Contains("Waiting for an approver", supportView);
    }

    [Fact]
    public async Task A_valid_approve_invoke_decides_and_answers_with_the_updated_card_and_the_Slack_card_follows()
    {
        await server.LinkAsync("teams", "29:approver", "approver@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 220 });
        var slackCard = await server.Slack.WaitForAsync("chat.postMessage", b => b["blocks"]?.ToJsonString().Contains(approvalId.ToString()) == true);
        await server.Bot.WaitForAsync(c => c.Method == "POST" && c.Body.ToJsonString().Contains(approvalId.ToString()));

        var response = await SendAsync(Activity("invoke", "29:approver", CardAction("approve", approvalId), "adaptiveCard/action"), ValidToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        Assert.Contains("approver@liveshop.local", answer["value"]!.ToJsonString());
        Assert.Null(answer["value"]!["actions"]);
        Assert.Equal("executed", await server.ApprovalStatusAsync(approvalId));
        var slackUpdate = await server.Slack.WaitForAsync("chat.update", b => b["ts"]?.GetValue<string>() == slackCard.Ts);
        Assert.Contains("approver@liveshop.local", slackUpdate.Body["blocks"]!.ToJsonString());
        await server.Bot.WaitForAsync(c => c.Method == "PUT" && c.Body.ToJsonString().Contains("approver@liveshop.local") && c.Body.ToJsonString().Contains(approvalId.ToString()));
    }

    [Fact]
    public async Task Support_approving_in_Teams_is_refused_and_the_approval_stays_pending()
    {
        await server.LinkAsync("teams", "29:support", "support@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 230 });
        var answer = await (await SendAsync(Activity("invoke", "29:support", CardAction("approve", approvalId), "adaptiveCard/action"), ValidToken)).Content.ReadAsStringAsync();
        Assert.Contains("Not decided", answer);
        Assert.Equal("pending", await server.ApprovalStatusAsync(approvalId));
    }

    [Fact]
    public async Task Approving_in_Teams_what_was_rejected_elsewhere_is_refused_and_the_card_shows_the_rejection()
    {
        await server.LinkAsync("teams", "29:founder", "founder@liveshop.local");
        var approvalId = await server.RequestApprovalAsync("pay_supplier", new { supplier_id = "sup_1", amount = 235 });
        var rejected = await server.Services.GetRequiredService<ApprovalService>().DecideAsync(
            new ApprovalDecisionRequest(approvalId, "approver@liveshop.local", ApprovalVote.Reject, "duplicate invoice"), CancellationToken.None);
        Assert.Equal(ApprovalDecisionStatus.Decided, rejected.Status);

        var answer = await (await SendAsync(Activity("invoke", "29:founder", CardAction("approve", approvalId), "adaptiveCard/action"), ValidToken)).Content.ReadAsStringAsync();

        Assert.Contains("Not decided", answer);
        Assert.Contains("already rejected by approver@liveshop.local", answer);
        Assert.Contains("Rejected by approver@liveshop.local", answer);
        Assert.Equal("rejected", await server.ApprovalStatusAsync(approvalId));
    }

    [Fact]
    public async Task A_question_to_the_bot_is_answered_in_the_thread_under_the_askers_identity()
    {
        await server.LinkAsync("teams", "29:support", "support@liveshop.local");
        var message = Activity("message", "29:support", text: "<at>LiveShop</at> where is order o_1042?");
        var response = await SendAsync(message, ValidToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incomingId = message["id"]!.GetValue<string>();
        var reply = await server.Bot.WaitForAsync(c => c.Path.EndsWith("/activities/" + incomingId));
        Assert.Equal(incomingId, reply.Body["replyToId"]!.GetValue<string>());
        Assert.Contains("o_1042: shipped", reply.Body["text"]!.GetValue<string>());
    }
}
