using System.Text.Json;
using LiveShop.Chat.Messaging.Surfaces;
using LiveShop.Kernel.Approvals;

namespace LiveShop.Chat.Messaging.Slack;

/// <summary>
/// Handles verified interaction payloads: Approve decides at once; Reject opens a modal asking for the reason, and
/// its submission decides. Unlinked or unauthorised clickers get an ephemeral message and nothing changes.
/// </summary>
public sealed class SlackInteractions(SlackWebApi slack, ChatApprovalDecider decider, ILogger<SlackInteractions> logger)
{
    /// <summary>A button click on an approval card.</summary>
    public async Task HandleBlockActionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var action = payload.GetProperty("actions")[0];
        var actionId = action.GetProperty("action_id").GetString();
        if (!Guid.TryParse(action.TryGetProperty("value", out var v) ? v.GetString() : null, out var approvalId)) return;
        var userId = payload.GetProperty("user").GetProperty("id").GetString()!;
        var channel = payload.TryGetProperty("channel", out var c) ? c.GetProperty("id").GetString() : null;

        if (actionId == SlackApprovalBlocks.ApproveActionId)
        {
            var decision = await decider.DecideAsync(ChatPlatforms.Slack, userId, approvalId, ApprovalVote.Approve, null, cancellationToken);
            if (!decision.Decided && channel is not null)
                await slack.PostEphemeralAsync(channel, userId, decision.Message("Slack"), null, cancellationToken);
        }
        else if (actionId == SlackApprovalBlocks.RejectActionId)
        {
            var card = await decider.CardAsync(approvalId, cancellationToken);
            if (card is null || !card.IsPending)
            {
                if (channel is not null) await slack.PostEphemeralAsync(channel, userId, "This approval is no longer pending.", null, cancellationToken);
                return;
            }
            var metadata = JsonSerializer.Serialize(new { approval_id = approvalId, channel });
            await slack.OpenViewAsync(payload.GetProperty("trigger_id").GetString()!, SlackApprovalBlocks.RejectModal(card, metadata), cancellationToken);
        }
        else
        {
            logger.LogInformation("Ignoring Slack action {ActionId}", actionId);
        }
    }

    /// <summary>The reject modal was submitted with a reason.</summary>
    public async Task HandleRejectSubmissionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var view = payload.GetProperty("view");
        using var metadata = JsonDocument.Parse(view.GetProperty("private_metadata").GetString()!);
        var approvalId = metadata.RootElement.GetProperty("approval_id").GetGuid();
        var channel = metadata.RootElement.TryGetProperty("channel", out var c) ? c.GetString() : null;
        var reason = view.GetProperty("state").GetProperty("values").GetProperty(SlackApprovalBlocks.ReasonBlockId)
            .GetProperty(SlackApprovalBlocks.ReasonActionId).GetProperty("value").GetString();
        var userId = payload.GetProperty("user").GetProperty("id").GetString()!;
        var decision = await decider.DecideAsync(ChatPlatforms.Slack, userId, approvalId, ApprovalVote.Reject, reason, cancellationToken);
        if (!decision.Decided && channel is not null)
            await slack.PostEphemeralAsync(channel, userId, decision.Message("Slack"), null, cancellationToken);
    }
}
