using System.Collections.Concurrent;
using System.Text.Json;
using LiveShop.Bench.Verbs.Loopback;
using LiveShop.Chat.Hosting;

namespace LiveShop.Bench.Verbs.Models;

/// <summary>A tool call a scripted model makes: the wire name (<c>Plugin-function</c>) and the JSON arguments.</summary>
public sealed record ScriptedToolCall(string Name, string ArgumentsJson, string? Id = null);

/// <summary>One scripted model answer: text, or tool calls (the model then gets the results and answers again).</summary>
public sealed record ScriptedReply(string? Text, IReadOnlyList<ScriptedToolCall> ToolCalls)
{
    /// <summary>A plain text answer.</summary>
    public static ScriptedReply Say(string text) => new(text, []);

    /// <summary>An answer that calls tools.</summary>
    public static ScriptedReply Call(params ScriptedToolCall[] calls) => new(null, calls);
}

/// <summary>
/// A minimal OpenAI-compatible chat server on a free loopback port (<c>POST /v1/chat/completions</c>, plain and SSE
/// streaming) that answers instantly from a script: the chat benchmark's model, and the tests' scripted model driving
/// the real Semantic Kernel connector. An empty script answers <see cref="DefaultText"/>.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private int _calls;

    private ScriptedModelServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's base address (without <c>/v1</c>), e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What an empty script answers.</summary>
    public string DefaultText { get; set; } = "ok";

    /// <summary>Whether to keep every request body (off for benchmarks).</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>The request bodies received, oldest first.</summary>
    public IReadOnlyList<JsonElement> Requests => [.. _requests.Select(r => JsonDocument.Parse(r).RootElement.Clone())];

    /// <summary>Queues answers, used one per request in order.</summary>
    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    /// <summary>Forgets any unused answers and the recorded requests.</summary>
    public void Reset()
    {
        _script.Clear();
        _requests.Clear();
    }

    /// <summary>Starts a server on 127.0.0.1 with a free port.</summary>
    public static async Task<ScriptedModelServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = LoopbackServers.CreateBuilder();
        var app = builder.Build();
        ScriptedModelServer? server = null;
        app.MapPost("/v1/chat/completions", (HttpContext context) => server!.AnswerAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.ListenAddress();
        server = new ScriptedModelServer(app, new Uri(address));
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (RecordRequests) _requests.Enqueue(body);
        var stream = body.Contains("\"stream\":true", StringComparison.Ordinal);
        var reply = _script.TryDequeue(out var next) ? next : ScriptedReply.Say(DefaultText);
        var id = $"chatcmpl-{Interlocked.Increment(ref _calls)}";
        var toolCalls = reply.ToolCalls.Select((c, i) => new
        {
            index = i, id = c.Id ?? $"call_{id}_{i}", type = "function", function = new { name = c.Name, arguments = c.ArgumentsJson },
        }).ToArray();
        var finish = toolCalls.Length > 0 ? "tool_calls" : "stop";
        if (!stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                id, @object = "chat.completion", created = 1_700_000_000, model = "scripted",
                choices = new[]
                {
                    new
                    {
                        index = 0, finish_reason = finish,
                        message = new { role = "assistant", content = reply.Text, tool_calls = toolCalls.Length > 0 ? toolCalls : null },
                    },
                },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            }), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        async Task ChunkAsync(object delta, string? finishReason)
        {
            var chunk = JsonSerializer.Serialize(new
            {
                id, @object = "chat.completion.chunk", created = 1_700_000_000, model = "scripted",
                choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
            });
            await context.Response.WriteAsync($"data: {chunk}\n\n", context.RequestAborted);
        }
        if (toolCalls.Length > 0)
            await ChunkAsync(new { role = "assistant", tool_calls = toolCalls }, null);
        else
        {
            // Two pieces, so a client sees the reply arrive in parts.
            var text = reply.Text ?? "";
            var half = text.Length / 2;
            await ChunkAsync(new { role = "assistant", content = text[..half] }, null);
            await ChunkAsync(new { content = text[half..] }, null);
        }
        await ChunkAsync(new { }, finish);
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
