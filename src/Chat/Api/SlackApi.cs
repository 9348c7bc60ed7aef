using System.Security.Cryptography;
using System.Text.Json;
using LiveShop.Chat.Messaging;
using LiveShop.Chat.Messaging.Linking;
using LiveShop.Chat.Messaging.Slack;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Api;

/// <summary>
/// Slack's three request URLs. Each request is verified (signature and timestamp) before its body is parsed, repeats
/// are dropped by delivery id, and the answer goes back at once while the work runs in <see cref="MessagingWorkQueue"/>.
/// Without a signing secret the endpoints do not exist (404).
/// </summary>
public static class SlackApi
{
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>Maps <c>/api/slack/events</c>, <c>/api/slack/commands</c> and <c>/api/slack/interactions</c>.</summary>
    public static IEndpointRouteBuilder MapSlackApi(this IEndpointRouteBuilder endpoints)
    {
        // Slack signs its requests; the handlers verify the signature instead of a sign-in.
        var slack = endpoints.MapGroup("/api/slack").DisableAntiforgery().AllowAnonymous();
        slack.MapPost("/events", EventsAsync).WithName("SlackEvents").WithSummary("Slack Events API: url_verification, app_mention, message.im.");
        slack.MapPost("/commands", CommandsAsync).WithName("SlackCommands").WithSummary("The /liveshop slash command (link, help, questions).");
        slack.MapPost("/interactions", InteractionsAsync).WithName("SlackInteractions").WithSummary("Approve / Reject clicks and the reject-reason modal.");
        return endpoints;
    }

    private static async Task<IResult> EventsAsync(HttpRequest request, IOptions<SlackOptions> options, TimeProvider time, InboundDeliveries deliveries,
        MessagingWorkQueue queue, CancellationToken cancellationToken)
    {
        var body = await VerifiedBodyAsync(request, options.Value, time, cancellationToken);
        if (body is null) return options.Value.Enabled ? Results.Unauthorized() : Results.NotFound();
        if (SlackRequestShapes.Event(body, out var malformed) is not { } shape) return InboundBodyShape.Malformed("Slack", malformed);
        var root = shape.Root;
        var type = root.GetProperty("type").GetString();
        if (type == "url_verification") return Results.Ok(new { challenge = root.GetProperty("challenge").GetString() });
        if (type != "event_callback") return Results.Ok();
        var eventId = root.GetProperty("event_id").GetString()!;
        if (!await deliveries.TryAcceptAsync(ChatPlatforms.Slack, $"event:{eventId}", cancellationToken)) return Results.Ok();
        var slackEvent = root.GetProperty("event").Clone();
        await queue.EnqueueAsync($"slack event {eventId}", (services, ct) =>
            services.GetRequiredService<SlackConversations>().HandleEventAsync(slackEvent, ct), cancellationToken);
        return Results.Ok();
    }

    private static async Task<IResult> CommandsAsync(HttpRequest request, IOptions<SlackOptions> options, TimeProvider time, InboundDeliveries deliveries,
        ChatUserLinks links, MessagingWorkQueue queue, CancellationToken cancellationToken)
    {
        var body = await VerifiedBodyAsync(request, options.Value, time, cancellationToken);
        if (body is null) return options.Value.Enabled ? Results.Unauthorized() : Results.NotFound();
        if (SlackRequestShapes.Form(body, out var malformed) is not { } form) return InboundBodyShape.Malformed("Slack", malformed);
        var text = form["text"].ToString().Trim();
        var user = form["user_id"].ToString();
        var channel = form["channel_id"].ToString();
        if (!await deliveries.TryAcceptAsync(ChatPlatforms.Slack, $"body:{Hash(body)}", cancellationToken)) return Results.Ok();

        if (string.Equals(text, "link", StringComparison.OrdinalIgnoreCase))
        {
            var code = await links.CreateCodeAsync(ChatPlatforms.Slack, user, cancellationToken);
            return Ephemeral($"Your link code is *{code}* (valid {ChatUserLinks.CodeLifetime.TotalMinutes:0} minutes). Confirm it on the LiveShop machine: `./liveshop link {code} --user you@example.com`");
        }
        if (text.Length == 0 || string.Equals(text, "help", StringComparison.OrdinalIgnoreCase))
            return Ephemeral("`/liveshop link` links your Slack account to your LiveShop user. `/liveshop where is order o_1042?` asks a question. Approval cards arrive in the approvals channel.");
        await queue.EnqueueAsync("slack command", (services, ct) =>
            services.GetRequiredService<SlackConversations>().AnswerCommandAsync(user, channel, text, ct), cancellationToken);
        return Ephemeral("Looking it up…");
    }

    private static async Task<IResult> InteractionsAsync(HttpRequest request, IOptions<SlackOptions> options, TimeProvider time, InboundDeliveries deliveries,
        MessagingWorkQueue queue, CancellationToken cancellationToken)
    {
        var body = await VerifiedBodyAsync(request, options.Value, time, cancellationToken);
        if (body is null) return options.Value.Enabled ? Results.Unauthorized() : Results.NotFound();
        if (SlackRequestShapes.Form(body, out var malformed) is not { } form) return InboundBodyShape.Malformed("Slack", malformed);
        if (SlackRequestShapes.Interaction(form, out malformed) is not { } shape) return InboundBodyShape.Malformed("Slack", malformed);
        var payload = shape.Root;
        var type = payload.GetProperty("type").GetString();
        // A replayed payload (same bytes) is acknowledged and dropped; a second genuine click is idempotent at the gate.
        if (!await deliveries.TryAcceptAsync(ChatPlatforms.Slack, $"body:{Hash(body)}", cancellationToken)) return Results.Ok();
        if (type == "block_actions")
            await queue.EnqueueAsync("slack block_actions", (services, ct) =>
                services.GetRequiredService<SlackInteractions>().HandleBlockActionAsync(payload, ct), cancellationToken);
        else if (type == "view_submission" && payload.GetProperty("view").GetProperty("callback_id").GetString() == SlackApprovalBlocks.RejectModalCallbackId)
            await queue.EnqueueAsync("slack reject reason", (services, ct) =>
                services.GetRequiredService<SlackInteractions>().HandleRejectSubmissionAsync(payload, ct), cancellationToken);
        return Results.Ok(); // an empty 200 also closes a submitted modal
    }

    /// <summary>The raw body when the request is signed by Slack within the last five minutes; null otherwise (nothing parsed).</summary>
    private static async Task<byte[]?> VerifiedBodyAsync(HttpRequest request, SlackOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!options.Enabled) return null;
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes) return null;
        var body = buffer.ToArray();
        return SlackSignature.Verify(options.SigningSecret, request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body, time.GetUtcNow())
            ? body
            : null;
    }

    private static string Hash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private static IResult Ephemeral(string text) => Results.Json(new { response_type = "ephemeral", text });
}
