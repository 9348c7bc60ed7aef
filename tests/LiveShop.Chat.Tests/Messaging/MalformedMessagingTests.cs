using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveShop.Chat.Messaging.Slack;
using LiveShop.Chat.Messaging.Teams;
using LiveShop.Chat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Messaging;

/// <summary>
/// Slack and Teams requests that pass the signature (or token) check but whose body is malformed: a 400 problem naming
/// the field, never a 500; and a Teams token that names no service URL cannot steer the bot's outbound token elsewhere.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class MalformedMessagingTests(MessagingServer server)
{
    private static HttpRequestMessage SignedSlack(string path, byte[] body, string contentType)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(MessagingServer.SigningSecret, timestamp, body));
        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void AssertNamesField(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").EnumerateArray().Any(e => e.GetProperty("field").GetString() == field), problem.GetRawText());

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("""{"type":5}""", "type")]
    [InlineData("""{"type":"url_verification"}""", "challenge")]
    [InlineData("""{"type":"event_callback","event":{"type":"app_mention"}}""", "event_id")]
    [InlineData("""{"type":"event_callback","event_id":"Ev_bad1","event":"app_mention"}""", "event")]
    [InlineData("""{"type":"event_callback","event_id":"Ev_bad2","event":{"type":"app_mention","user":"U1","channel":"C1","ts":"1.1","text":7}}""", "event.text")]
    [InlineData("""{"type":"event_callback","event_id":"Ev_bad3","event":{"type":"app_mention","user":"U1","channel":"C1","ts":"1.1","text":"hi \ud800"}}""", "event.text")]
    public async Task Signed_but_malformed_Slack_events_are_400_naming_the_field(string body, string field)
    {
        var before = server.Slack.Calls.Count;
        var problem = await ProblemAsync(await server.Client.SendAsync(SignedSlack("/api/slack/events", Encoding.UTF8.GetBytes(body), "application/json")));
        AssertNamesField(problem, field);
        Assert.Equal(before, server.Slack.Calls.Count);
    }

    [Fact]
    public async Task Signed_Slack_event_with_invalid_UTF8_is_400()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"event_callback","event_id":"Ev_utf8","event":{"type":"app_mention","text":"X"}}""");
        var at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xFF;

        var problem = await ProblemAsync(await server.Client.SendAsync(SignedSlack("/api/slack/events", body, "application/json")));
        AssertNamesField(problem, "event.text");
    }

    [Theory]
    [InlineData("payload=not-json", "payload")]
    [InlineData("nothing=here", "payload")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D", "payload.actions")]
    [InlineData("payload=%7B%22type%22%3A%22view_submission%22%2C%22view%22%3A3%7D", "payload.view")]
    public async Task Signed_but_malformed_Slack_interactions_are_400_naming_the_field(string form, string field)
    {
        var problem = await ProblemAsync(await server.Client.SendAsync(
            SignedSlack("/api/slack/interactions", Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded")));
        AssertNamesField(problem, field);
    }

    private JsonObject Activity(string text, string? serviceUrl = null) => new()
    {
        ["type"] = "message", ["id"] = $"incoming-{Guid.NewGuid():N}", ["serviceUrl"] = serviceUrl ?? server.Bot.BaseUrl, ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:malformed" }, ["conversation"] = new JsonObject { ["id"] = "19:support@thread.tacv2" },
        ["text"] = text,
    };

    private async Task<HttpResponseMessage> SendTeamsAsync(byte[] body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/teams/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("""{"type":"message" """, "$")]
    [InlineData("""[1,2]""", "$")]
    [InlineData("""{"type":5,"serviceUrl":"SERVICE"}""", "type")]
    [InlineData("""{"type":"message","serviceUrl":5}""", "serviceUrl")]
    [InlineData("""{"type":"message","serviceUrl":"SERVICE","conversation":{"id":"19:x"},"from":{"id":7},"text":"hi"}""", "from.id")]
    [InlineData("""{"type":"message","serviceUrl":"SERVICE","from":{"id":"29:x"},"text":"hi"}""", "conversation")]
    [InlineData("""{"type":"message","serviceUrl":"SERVICE","conversation":{"id":"19:x"},"from":{"id":"29:x"},"text":"hi \udc00"}""", "text")]
    [InlineData("""{"type":"invoke","name":"adaptiveCard/action","serviceUrl":"SERVICE","conversation":{"id":"19:x"},"from":{"id":"29:x"},"value":{"action":{"verb":3}}}""", "value.action.verb")]
    public async Task Authenticated_but_malformed_Teams_activities_are_400_naming_the_field(string body, string field)
    {
        var before = server.Bot.Calls.Count;
        var problem = await ProblemAsync(await SendTeamsAsync(Encoding.UTF8.GetBytes(body.Replace("SERVICE", server.Bot.BaseUrl)), server.Bot.CreateToken(MessagingServer.TeamsAppId)));
        AssertNamesField(problem, field);
        Assert.Equal(before, server.Bot.Calls.Count);
    }

    [Fact]
    public async Task A_token_without_a_service_url_cannot_send_the_bot_elsewhere()
    {
        await using var rogue = new FakeBotFramework();
        await rogue.StartAsync();
        var token = server.Bot.CreateToken(MessagingServer.TeamsAppId, withServiceUrl: false);

        var response = await SendTeamsAsync(Encoding.UTF8.GetBytes(Activity("link", rogue.BaseUrl).ToJsonString()), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(rogue.Calls);
    }

    [Fact]
    public async Task A_token_without_a_service_url_may_reach_an_allowed_service()
    {
        var token = server.Bot.CreateToken(MessagingServer.TeamsAppId, withServiceUrl: false);
        var activity = Activity("link");

        var response = await SendTeamsAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.Bot.WaitForAsync(c => c.Path.EndsWith("/" + activity["id"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_connector_never_sends_its_token_to_a_service_that_is_not_vouched_for()
    {
        await using var rogue = new FakeBotFramework();
        await rogue.StartAsync();
        var connector = server.Services.GetRequiredService<TeamsConnector>();

        var refused = await Assert.ThrowsAsync<TeamsConnectorException>(() =>
            connector.SendAsync(rogue.BaseUrl, "19:any", new JsonObject { ["type"] = "message", ["text"] = "hi" }, CancellationToken.None));
        Assert.Contains("not a service URL", refused.Message);
        Assert.Empty(rogue.Calls);
    }
}
