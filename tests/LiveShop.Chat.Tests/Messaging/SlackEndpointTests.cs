using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Messaging;

[CollectionDefinition(Name)]
public sealed class MessagingCollection : ICollectionFixture<MessagingServer>
{
    public const string Name = "messaging";
}

[Collection(MessagingCollection.Name)]
public sealed class SlackEndpointTests(MessagingServer server)
{
    private static string Mention(string eventId, string user, string text, string ts = "1700000000.000100") => new JsonObject
    {
        ["type"] = "event_callback", ["event_id"] = eventId, ["team_id"] = "T1",
        ["event"] = new JsonObject { ["type"] = "app_mention", ["user"] = user, ["text"] = $"<@UBOT> {text}", ["channel"] = "C_SUPPORT", ["ts"] = ts },
    }.ToJsonString();

    [Fact]
    public async Task Forged_or_missing_signatures_are_401_and_nothing_happens()
    {
        var before = server.Slack.Calls.Count;
        const string threadTs = "1700000000.424242";
        var body = Mention("Ev_forged", "U_SUPPORT", "where is order o_1042?", threadTs);

        var forged = await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/events", body, "application/json", secret: "not-the-secret"));
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new StringContent(body) };
        var missing = await server.Client.SendAsync(unsigned);
        var tamperedRequest = MessagingServer.SlackRequest("/api/slack/events", body, "application/json");
        tamperedRequest.Content = new StringContent(body.Replace("o_1042", "o_9999"));
        var tampered = await server.Client.SendAsync(tamperedRequest);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        await Task.Delay(500);
        // Other tests share the fake Slack (their cards may update meanwhile): count only what answers this mention's thread.
        Assert.DoesNotContain(server.Slack.Calls.Skip(before), c => c.Body.ToJsonString().Contains(threadTs));
    }

    [Fact]
    public async Task A_stale_timestamp_is_401_even_with_a_valid_signature()
    {
        var response = await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/events",
            """{"type":"url_verification","challenge":"abc"}""", "application/json", age: TimeSpan.FromMinutes(6)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Url_verification_answers_the_challenge()
    {
        var response = await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/events",
            """{"type":"url_verification","token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}""", "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", answer.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task An_inline_question_is_answered_once_in_the_thread_even_when_Slack_retries()
    {
        await server.LinkAsync("slack", "U_SUPPORT", "support@liveshop.local");
        var body = Mention("Ev_question_1", "U_SUPPORT", "where is order o_1042?", ts: "1700000001.000200");

        var first = await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/events", body, "application/json"));
        var retry = await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/events", body, "application/json", retry: 1));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var answer = await server.Slack.WaitForAsync("chat.postMessage", b => b["thread_ts"]?.GetValue<string>() == "1700000001.000200");
        Assert.Equal("C_SUPPORT", answer.Body["channel"]!.GetValue<string>());
        Assert.Contains("o_1042: shipped", answer.Body["text"]!.GetValue<string>());
        Assert.Contains("shipped 2026-11-21", answer.Body["text"]!.GetValue<string>());
        await Task.Delay(700);
        Assert.Single(server.Slack.CallsOf("chat.postMessage", b => b["thread_ts"]?.GetValue<string>() == "1700000001.000200"));
    }

    [Fact]
    public async Task Other_questions_get_the_personas_answer_in_the_thread_as_the_asker()
    {
        await server.LinkAsync("slack", "U_SUPPORT", "support@liveshop.local");
        var body = Mention("Ev_question_persona", "U_SUPPORT", "@cfo how many days of cash runway do we have?", ts: "1700000003.000400");

        await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/events", body, "application/json"));

        var answer = await server.Slack.WaitForAsync("chat.postMessage", b => b["thread_ts"]?.GetValue<string>() == "1700000003.000400");
        Assert.StartsWith("cfo: ", answer.Body["text"]!.GetValue<string>());
        await using var db = server.Database.CreateContext();
        Assert.True(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Conversations, c => c.StartedBy == "support@liveshop.local"));
    }

    [Fact]
    public async Task An_unlinked_asker_is_told_to_link_instead_of_answered()
    {
        var body = Mention("Ev_unlinked_1", "U_STRANGER", "where is order o_1042?", ts: "1700000002.000300");
        await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/events", body, "application/json"));
        var answer = await server.Slack.WaitForAsync("chat.postMessage", b => b["thread_ts"]?.GetValue<string>() == "1700000002.000300");
        Assert.Contains("/liveshop link", answer.Body["text"]!.GetValue<string>());
        Assert.DoesNotContain("shipped", answer.Body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Slash_link_shows_a_code_that_links_the_account_once_confirmed()
    {
        var form = "command=%2Fliveshop&text=link&user_id=U_NEWBIE&channel_id=C_SUPPORT&trigger_id=t1";
        var response = await server.Client.SendAsync(MessagingServer.SlackRequest("/api/slack/commands", form, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", answer.RootElement.GetProperty("response_type").GetString());
        var code = System.Text.RegularExpressions.Regex.Match(answer.RootElement.GetProperty("text").GetString()!, @"[A-Z2-9]{4}-[A-Z2-9]{4}").Value;
        Assert.NotEmpty(code);

        var links = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LiveShop.Chat.Messaging.Linking.ChatUserLinks>(server.Services);
        Assert.Null(await links.FindAsync("slack", "U_NEWBIE", CancellationToken.None));
        Assert.True((await links.ConfirmAsync(code, "approver@liveshop.local", CancellationToken.None)).Linked);
        Assert.False((await links.ConfirmAsync(code, "founder@liveshop.local", CancellationToken.None)).Linked); // one time only
        Assert.Equal("approver@liveshop.local", (await links.FindAsync("slack", "U_NEWBIE", CancellationToken.None))!.Email);
    }
}
