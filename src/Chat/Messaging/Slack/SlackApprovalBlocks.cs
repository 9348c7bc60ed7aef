using System.Text.Json.Nodes;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Approvals.Surfaces;

namespace LiveShop.Chat.Messaging.Slack;

/// <summary>
/// Block Kit for approval cards: action summary, risk level, every invariant check (✅/❌/⚠) with value versus
/// threshold, the agent's evidence when present, and Approve / Reject buttons while the request is pending. Pure.
/// </summary>
public static class SlackApprovalBlocks
{
    /// <summary><c>action_id</c> of the Approve button.</summary>
    public const string ApproveActionId = "approval_approve";

    /// <summary><c>action_id</c> of the Reject button.</summary>
    public const string RejectActionId = "approval_reject";

    /// <summary><c>callback_id</c> of the modal that asks for a rejection reason.</summary>
    public const string RejectModalCallbackId = "approval_reject_reason";

    /// <summary>Block and action ids of the reason input inside the modal.</summary>
    public const string ReasonBlockId = "reason", ReasonActionId = "reason_input";

    /// <summary>The plain-text fallback (notifications, screen readers).</summary>
    public static string Text(ApprovalCardModel card) =>
        $"Approval {card.RiskLevel}: {ApprovalCards.Summary(card)} — {ApprovalCards.StatusLine(card)}";

    /// <summary>The card's blocks; <paramref name="note"/> is an extra line (e.g. "founder-only").</summary>
    public static JsonArray Blocks(ApprovalCardModel card, string? note = null)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText($"Approval needed: {card.Action}") },
            Section($"*{Escape(ApprovalCards.Summary(card))}*\n*Risk:* {card.RiskLevel} · *Approver:* {(card.NeedsFounder ? "founder only" : "any approver")} · *Requested by:* {Escape(card.RequestedBy)}"),
        };
        if (card.Checks.Count > 0)
            blocks.Add(Section(string.Join("\n", card.Checks.Select(c => $"{Mark(c.Status)} `{c.Id}` {c.Status} {ApprovalCards.Measure(c)}".TrimEnd()))));
        if (card.Reasons.Count > 0)
            blocks.Add(Context(string.Join("\n", card.Reasons.Select(r => "• " + Escape(r)))));
        if (card.Evidence is { } evidence)
            blocks.Add(Section($"*Evidence (agent's claim):* `{Escape(evidence)}`"));
        if (note is not null) blocks.Add(Context(Escape(note)));
        blocks.Add(Context($"Approval {card.ApprovalId}"));
        if (card.IsPending)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = $"approval:{card.ApprovalId}",
                ["elements"] = new JsonArray
                {
                    Button(ApproveActionId, "Approve", "primary", card.ApprovalId),
                    Button(RejectActionId, "Reject", "danger", card.ApprovalId),
                },
            });
        }
        else
        {
            blocks.Add(Section($"{StatusMark(card.Status)} *{Escape(ApprovalCards.StatusLine(card))}*"));
        }
        return blocks;
    }

    /// <summary>The modal asking for a rejection reason; the approval and card travel in <c>private_metadata</c>.</summary>
    public static JsonObject RejectModal(ApprovalCardModel card, string privateMetadata) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = RejectModalCallbackId,
        ["private_metadata"] = privateMetadata,
        ["title"] = PlainText("Reject action"),
        ["submit"] = PlainText("Reject"),
        ["close"] = PlainText("Cancel"),
        ["blocks"] = new JsonArray
        {
            Section($"Reject *{Escape(ApprovalCards.Summary(card))}*?"),
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = ReasonBlockId,
                ["label"] = PlainText("Reason"),
                ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = ReasonActionId, ["multiline"] = true },
            },
        },
    };

    private static string Mark(string status) => status switch
    {
        "PASS" => "✅",
        "FAIL" => "❌",
        "ESCALATE" => "⚠️",
        _ => "➖",
    };

    private static string StatusMark(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved or ApprovalStatus.Executed => "✅",
        ApprovalStatus.Rejected => "❌",
        _ => "⏱️",
    };

    private static JsonObject Button(string actionId, string label, string style, Guid approvalId) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = PlainText(label),
        ["style"] = style,
        ["value"] = approvalId.ToString(),
    };

    private static JsonObject Section(string markdown) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = markdown },
    };

    private static JsonObject Context(string markdown) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = markdown } },
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    /// <summary>Slack's three control characters in mrkdwn.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
