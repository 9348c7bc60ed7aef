using System.Globalization;
using System.Text.Json;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Approvals.Surfaces;

/// <summary>Turns an approval as the gate returns it into the card model surfaces render, and the card's wording.</summary>
public static class ApprovalCards
{
    /// <summary>The card model of an approval as the gate returns it.</summary>
    public static ApprovalCardModel From(ApprovalRecord approval) => new()
    {
        ApprovalId = approval.ApprovalId,
        Action = approval.Action,
        Parameters = approval.Parameters,
        RiskLevel = approval.RiskLevel,
        RequiredApprover = approval.RequiredApprover,
        RequestedBy = approval.OnBehalfOf is { } behalf ? $"{behalf} (via {approval.RequestedBy})" : approval.RequestedBy,
        Reasons = approval.Verdict.Reasons,
        Checks = approval.Verdict.Proof.InvariantChecks.Select(c => new CardCheck(c.Id, CheckCode(c.Status), c.Value, c.Threshold)).ToList(),
        Evidence = approval.Packet.Evidence is { ValueKind: JsonValueKind.Object } evidence && evidence.EnumerateObject().Any() ? evidence.GetRawText() : null,
        Status = approval.Status,
        DecidedBy = approval.DecidedBy,
        DecidedAt = approval.DecidedAt,
        DecisionReason = approval.DecisionReason,
        ExpiresAt = approval.ExpiresAt,
    };

    /// <summary>The contract's code of a check status (PASS, FAIL, ESCALATE, NOT_APPLICABLE).</summary>
    public static string CheckCode(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Fail => "FAIL",
        CheckStatus.Escalate => "ESCALATE",
        _ => "NOT_APPLICABLE",
    };

    /// <summary>A one-line summary such as <c>&lt;action&gt; order_id=o_1042 amount=150</c>.</summary>
    public static string Summary(ApprovalCardModel card)
    {
        var parameters = card.Parameters.ValueKind == JsonValueKind.Object
            ? string.Join(" ", card.Parameters.EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"))
            : "";
        return $"{card.Action} {parameters}".Trim();
    }

    /// <summary>The decided status in words, e.g. "Approved by founder@… at 10:02 UTC".</summary>
    public static string StatusLine(ApprovalCardModel card)
    {
        var at = card.DecidedAt is { } when ? $" at {when.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "";
        var by = card.DecidedBy is null ? "" : $" by {card.DecidedBy}";
        var reason = string.IsNullOrWhiteSpace(card.DecisionReason) ? "" : $": {card.DecisionReason}";
        return card.Status switch
        {
            ApprovalStatus.Pending => card.NeedsFounder ? "Waiting for the founder" : "Waiting for an approver",
            ApprovalStatus.Approved => $"Approved{by}{at}{reason}",
            ApprovalStatus.Executed => $"Approved{by}{at} and executed{reason}",
            ApprovalStatus.Rejected => $"Rejected{by}{at}{reason}",
            ApprovalStatus.Expired => "Expired without a decision; it will never run",
            _ => $"{card.Status}{by}{reason}",
        };
    }

    /// <summary>Value versus threshold of a check, e.g. "150 vs 100".</summary>
    public static string Measure(CardCheck check) => (check.Value, check.Threshold) switch
    {
        ({ } v, { } t) => $"{v.ToString(CultureInfo.InvariantCulture)} vs threshold {t.ToString(CultureInfo.InvariantCulture)}",
        ({ } v, null) => v.ToString(CultureInfo.InvariantCulture),
        (null, { } t) => $"threshold {t.ToString(CultureInfo.InvariantCulture)}",
        _ => "",
    };
}
