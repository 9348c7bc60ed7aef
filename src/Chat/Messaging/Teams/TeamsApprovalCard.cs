using System.Text.Json.Nodes;
using LiveShop.Kernel.Approvals.Surfaces;

namespace LiveShop.Chat.Messaging.Teams;

/// <summary>
/// Adaptive Cards 1.5 for approvals. Everyone gets the status view; while pending it carries a <c>refresh</c> whose
/// <c>userIds</c> are the approvers, so Teams fetches the approver view (with an optional reason and Approve / Reject
/// <c>Action.Execute</c> buttons, each falling back to <c>Action.Submit</c>) for them only. Pure.
/// </summary>
public static class TeamsApprovalCard
{
    /// <summary>The content type of an Adaptive Card attachment and invoke answer.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Verbs of the card's actions.</summary>
    public const string ApproveVerb = "approve", RejectVerb = "reject", RefreshVerb = "refresh";

    /// <summary>The status card everyone sees; while pending it refreshes into the approver view for <paramref name="approverUserIds"/>.</summary>
    public static JsonObject StatusView(ApprovalCardModel card, IReadOnlyList<string> approverUserIds, string? note = null)
    {
        var adaptive = Skeleton(card, note);
        adaptive["body"]!.AsArray().Add(Text($"**{ApprovalCards.StatusLine(card)}**", wrap: true));
        if (card.IsPending && approverUserIds.Count > 0)
            adaptive["refresh"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute", ["title"] = "Refresh", ["verb"] = RefreshVerb, ["data"] = Data(card, RefreshVerb),
                },
                ["userIds"] = new JsonArray(approverUserIds.Take(60).Select(id => (JsonNode)JsonValue.Create(id)!).ToArray()),
            };
        return adaptive;
    }

    /// <summary>The approver's view of a pending request: a reason box and Approve / Reject.</summary>
    public static JsonObject ApproverView(ApprovalCardModel card, string? note = null)
    {
        if (!card.IsPending) return StatusView(card, [], note);
        var adaptive = Skeleton(card, note);
        adaptive["body"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "Input.Text", ["id"] = "reason", ["label"] = "Reason (needed to reject)", ["isMultiline"] = true,
        });
        adaptive["actions"] = new JsonArray { Execute(card, ApproveVerb, "Approve", "positive"), Execute(card, RejectVerb, "Reject", "destructive") };
        return adaptive;
    }

    /// <summary>A message activity carrying the card as its one attachment.</summary>
    public static JsonObject Activity(JsonObject adaptiveCard) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = ContentType, ["content"] = adaptiveCard } },
    };

    /// <summary>The body of an <c>adaptiveCard/action</c> invoke answer that replaces the card.</summary>
    public static JsonObject InvokeResponse(JsonObject adaptiveCard) => new()
    {
        ["statusCode"] = 200,
        ["type"] = ContentType,
        ["value"] = adaptiveCard,
    };

    private static JsonObject Skeleton(ApprovalCardModel card, string? note)
    {
        var body = new JsonArray
        {
            Text($"Approval needed: {card.Action}", size: "Large", weight: "Bolder"),
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray
                {
                    Fact("Action", ApprovalCards.Summary(card)),
                    Fact("Risk", $"{card.RiskLevel} · {(card.NeedsFounder ? "founder only" : "any approver")}"),
                    Fact("Requested by", card.RequestedBy),
                },
            },
        };
        foreach (var check in card.Checks)
            body.Add(Text($"{Mark(check.Status)} {check.Id} {check.Status} {ApprovalCards.Measure(check)}".TrimEnd(), wrap: true));
        foreach (var reason in card.Reasons) body.Add(Text($"• {reason}", wrap: true, subtle: true));
        if (card.Evidence is { } evidence) body.Add(Text($"Evidence (agent's claim): {evidence}", wrap: true, subtle: true));
        if (note is not null) body.Add(Text(note, wrap: true, subtle: true));
        body.Add(Text($"Approval {card.ApprovalId}", subtle: true));
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
    }

    private static JsonObject Execute(ApprovalCardModel card, string verb, string title, string style) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["style"] = style,
        ["data"] = Data(card, verb),
        // Clients without Universal Actions send a message activity whose value carries the same data.
        ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = Data(card, verb) },
    };

    private static JsonObject Data(ApprovalCardModel card, string verb) => new() { ["approval_id"] = card.ApprovalId.ToString(), ["verb"] = verb };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject Text(string text, string? size = null, string? weight = null, bool wrap = false, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text };
        if (size is not null) block["size"] = size;
        if (weight is not null) block["weight"] = weight;
        if (wrap) block["wrap"] = true;
        if (subtle) block["isSubtle"] = true;
        return block;
    }

    private static string Mark(string status) => status switch
    {
        "PASS" => "✅",
        "FAIL" => "❌",
        "ESCALATE" => "⚠️",
        _ => "➖",
    };
}
