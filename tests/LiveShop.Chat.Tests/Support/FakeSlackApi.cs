using LiveShop.Chat.Hosting;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Chat.Tests.Support;

/// <summary>One recorded Web API call: the method, its JSON body and the message ts the fake answered with.</summary>
public sealed record SlackCall(string Method, JsonObject Body, string? Authorization, string Ts);

/// <summary>A local stand-in for the Slack Web API on 127.0.0.1 that records every call and answers <c>ok: true</c>.</summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private WebApplication? _app;
    private int _ts = 1000;

    /// <summary>The base address to configure as <c>Slack:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<SlackCall> Calls => _calls.ToList();

    /// <summary>Calls of one method whose body matches.</summary>
    public IReadOnlyList<SlackCall> CallsOf(string method, Func<JsonObject, bool>? where = null) =>
        Calls.Where(c => c.Method == method && (where is null || where(c.Body))).ToList();

    /// <summary>Starts the fake on a free port.</summary>
    public async Task StartAsync()
    {
        var builder = LoopbackServers.CreateBuilder();
        _app = builder.Build();
        _app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            var body = (JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject) ?? [];
            var channel = body["channel"]?.GetValue<string>() ?? "";
            var ts = body["ts"]?.GetValue<string>() ?? $"{Interlocked.Increment(ref _ts)}.000100";
            _calls.Enqueue(new SlackCall(method, body, request.Headers.Authorization, ts));
            return Results.Text(new JsonObject
            {
                ["ok"] = true,
                // Posting to a user id lands in the bot's DM with them.
                ["channel"] = channel.StartsWith('U') ? "D" + channel[1..] : channel,
                ["ts"] = ts,
            }.ToJsonString(), "application/json");
        });
        await _app.StartAsync();
        BaseUrl = _app.ListenAddress() + "/api";
    }

    /// <summary>Waits until a call matching <paramref name="where"/> of <paramref name="method"/> arrives (or fails after 15 s).</summary>
    public async Task<SlackCall> WaitForAsync(string method, Func<JsonObject, bool>? where = null)
    {
        for (var waited = 0; waited < 150; waited++)
        {
            if (CallsOf(method, where).FirstOrDefault() is { } call) return call;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {method} call arrived; calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
