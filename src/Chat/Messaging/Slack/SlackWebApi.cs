using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Messaging.Slack;

/// <summary>A Slack Web API method answered <c>ok: false</c> (e.g. <c>channel_not_found</c>, <c>invalid_auth</c>).</summary>
public sealed class SlackApiException(string method, string error) : Exception($"Slack {method} failed: {error}")
{
    /// <summary>Slack's error code.</summary>
    public string Error { get; } = error;
}

/// <summary>Where a posted message lives: its channel and timestamp (Slack's message id).</summary>
public sealed record SlackMessageRef(string Channel, string Ts);

/// <summary>
/// The few Slack Web API methods the product uses, over plain HTTP + JSON with the bot token as Bearer. Honours 429
/// <c>Retry-After</c> (a few times) and turns <c>ok: false</c> into <see cref="SlackApiException"/>.
/// </summary>
public sealed class SlackWebApi(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackWebApi> logger)
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary><c>chat.postMessage</c>; <paramref name="threadTs"/> answers in a thread.</summary>
    public async Task<SlackMessageRef> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["channel"] = channel, ["text"] = text };
        if (blocks is not null) body["blocks"] = blocks;
        if (threadTs is not null) body["thread_ts"] = threadTs;
        var answer = await CallAsync("chat.postMessage", body, cancellationToken);
        return new SlackMessageRef(answer["channel"]?.GetValue<string>() ?? channel, answer["ts"]!.GetValue<string>());
    }

    /// <summary><c>chat.update</c>: replaces a message's text and blocks.</summary>
    public Task UpdateMessageAsync(SlackMessageRef message, string text, JsonArray blocks, CancellationToken cancellationToken) =>
        CallAsync("chat.update", new JsonObject { ["channel"] = message.Channel, ["ts"] = message.Ts, ["text"] = text, ["blocks"] = blocks }, cancellationToken);

    /// <summary><c>chat.postEphemeral</c>: a message only <paramref name="user"/> sees.</summary>
    public Task PostEphemeralAsync(string channel, string user, string text, string? threadTs, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
        if (threadTs is not null) body["thread_ts"] = threadTs;
        return CallAsync("chat.postEphemeral", body, cancellationToken);
    }

    /// <summary><c>views.open</c>: opens a modal for the click that produced <paramref name="triggerId"/>.</summary>
    public Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken);

    private async Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.Value.ApiBaseUrl.TrimEnd('/')}/{method}")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                if (wait > MaxRetryAfter) wait = MaxRetryAfter;
                logger.LogWarning("Slack {Method} rate limited; retrying in {Seconds} s", method, wait.TotalSeconds);
                await Task.Delay(wait, cancellationToken);
                continue;
            }
            if (!response.IsSuccessStatusCode) throw new SlackApiException(method, $"HTTP {(int)response.StatusCode}");
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject
                ?? throw new SlackApiException(method, "the answer is not a JSON object");
            if (answer["ok"]?.GetValue<bool>() != true)
                throw new SlackApiException(method, answer["error"]?.GetValue<string>() ?? "unknown_error");
            return answer;
        }
    }
}
