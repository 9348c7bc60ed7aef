using LiveShop.Bench.Verbs.Loopback;
using LiveShop.Chat.Hosting;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Chat.Tests.Support;

/// <summary>One recorded Web API call: the method, its JSON body, the message ts the fake answered with, and when it arrived.</summary>
public sealed record SlackCall(string Method, JsonObject Body, string? Authorization, string Ts, DateTimeOffset At = default);

/// <summary>A local stand-in for the Slack Web API on 127.0.0.1 that records every call and answers <c>ok: true</c>.</summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentQueue<(string Method, DateTimeOffset At)> _rateLimited = new();
    private readonly ConcurrentDictionary<string, Func<JsonObject, bool>> _rateLimitOnce = new();
    private WebApplication? _app;
    private int _ts = 1000;

    /// <summary>The base address to configure as <c>Slack:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<SlackCall> Calls => _calls.ToList();

    /// <summary>Calls the fake answered with 429, and when.</summary>
    public IReadOnlyList<(string Method, DateTimeOffset At)> RateLimited => _rateLimited.ToList();

    /// <summary>The next call of <paramref name="method"/> whose body matches is answered 429 with <c>Retry-After: 1</c> (once).</summary>
    public void RateLimitOnce(string method, Func<JsonObject, bool> where) => _rateLimitOnce[method] = where;

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
            if (_rateLimitOnce.TryGetValue(method, out var limited) && limited(body) && _rateLimitOnce.TryRemove(method, out _))
            {
                _rateLimited.Enqueue((method, DateTimeOffset.UtcNow));
                return Results.Text("""{"ok":false,"error":"ratelimited"}""", "application/json", statusCode: StatusCodes.Status429TooManyRequests)
                    .WithRetryAfter("1");
            }
            var channel = body["channel"]?.GetValue<string>() ?? "";
            var ts = body["ts"]?.GetValue<string>() ?? $"{Interlocked.Increment(ref _ts)}.000100";
            _calls.Enqueue(new SlackCall(method, body, request.Headers.Authorization, ts, DateTimeOffset.UtcNow));
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

/// <summary>Adds a <c>Retry-After</c> header to a fake's answer.</summary>
internal static class RetryAfterResult
{
    public static IResult WithRetryAfter(this IResult inner, string seconds) => new WithHeader(inner, seconds);

    private sealed class WithHeader(IResult inner, string seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
