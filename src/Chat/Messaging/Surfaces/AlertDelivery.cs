using System.Text.Json;
using System.Text.Json.Nodes;
using LiveShop.Chat.Alerts;
using LiveShop.Chat.Messaging.Slack;
using LiveShop.Chat.Messaging.Teams;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Messaging.Surfaces;

/// <summary>
/// Posts each raised alert to the Slack approvals channel and the Teams approvals conversation, where the people who act
/// on the business already look. Triggered by <c>AlertRaised</c> on the event chain, from the subscription's first start
/// onwards (old alerts are not re-posted). Slack or Teams not configured: nothing is sent there. A post that fails is
/// logged and not retried, so one unreachable platform never holds back the other or the chain. Delivery is at least once:
/// after a crash between the post and the checkpoint a notice may be posted twice, which is harmless for a notice.
/// </summary>
public sealed class AlertDelivery(
    IOptions<SlackOptions> slackOptions, IOptions<TeamsOptions> teamsOptions, IServiceProvider services, ILogger<AlertDelivery> logger) : IEventSubscription
{
    private static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "AlertRaised" };

    public string Name => "alert_delivery";

    public IReadOnlySet<string> EventTypes => Types;

    public bool StartsAtHead => true;

    public async Task HandleAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        var draft = Read(e.Data);
        if (draft is null) return;
        var text = Text(draft);
        if (slackOptions.Value.CanPostApprovals)
        {
            try
            {
                await services.GetRequiredService<SlackWebApi>().PostMessageAsync(slackOptions.Value.ApprovalsChannel, text, Blocks(draft), null, cancellationToken);
            }
            catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
            {
                logger.LogWarning(ex, "Could not post alert {EventId} to Slack", e.EventId);
            }
        }
        if (teamsOptions.Value.CanPostApprovals)
        {
            var settings = teamsOptions.Value;
            try
            {
                await services.GetRequiredService<TeamsConnector>().SendAsync(settings.ApprovalsServiceUrl, settings.ApprovalsConversationId,
                    new JsonObject { ["type"] = "message", ["textFormat"] = "plain", ["text"] = text }, cancellationToken);
            }
            catch (Exception ex) when (ex is TeamsConnectorException or HttpRequestException)
            {
                logger.LogWarning(ex, "Could not post alert {EventId} to Teams", e.EventId);
            }
        }
    }

    /// <summary>"Alert: refund spike — refund_rate of product p_1 was 0.3, expected 0.02–0.08, from … to …. {message}"</summary>
    public static string Text(AlertDraft draft) => $"Alert: {AlertWording.KindName(draft.Kind)} — {AlertWording.Seen(draft)}. {draft.Message}".TrimEnd();

    private static JsonArray Blocks(AlertDraft draft) =>
    [
        new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = $"Alert: {AlertWording.KindName(draft.Kind)}" } },
        new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = AlertWording.Seen(draft) } },
        new JsonObject { ["type"] = "context", ["elements"] = new JsonArray
        {
            new JsonObject { ["type"] = "plain_text", ["text"] = $"{draft.Message} Acknowledge or resolve it on the console's Alerts page or with ./liveshop alerts." },
        } },
    ];

    // The AlertRaised payload, as AlertStore writes it (snake_case or PascalCase, whichever the serializer used).
    private static AlertDraft? Read(JsonElement data)
    {
        string? S(string snake, string pascal) => Get(data, snake, pascal) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
        decimal? D(string snake, string pascal) => Get(data, snake, pascal) is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;
        DateTimeOffset? T(string snake, string pascal) => Get(data, snake, pascal) is { ValueKind: JsonValueKind.String } v && v.TryGetDateTimeOffset(out var t) ? t : null;
        if (S("kind", "Kind") is not { } kind || T("window_from", "WindowFrom") is not { } from || T("window_to", "WindowTo") is not { } to) return null;
        return new AlertDraft(kind, S("metric", "Metric") ?? "", S("grain", "Grain") ?? "business", S("entity_id", "EntityId") ?? "business",
            D("observed", "Observed"), D("expected_low", "ExpectedLow"), D("expected_high", "ExpectedHigh"), from, to,
            S("message", "Message") ?? "", S("raised_by", "RaisedBy") ?? "");
    }

    private static JsonElement? Get(JsonElement data, string snake, string pascal) =>
        data.ValueKind == JsonValueKind.Object && (data.TryGetProperty(snake, out var v) || data.TryGetProperty(pascal, out v)) ? v : null;
}
