using System.Globalization;
using LiveShop.Kernel.Policies;

namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>The order a ticket is about, as the reply may quote it.</summary>
public sealed record TicketOrder(
    string Id, DateTimeOffset PlacedAt, string Status, decimal Total, string Currency, DateTimeOffset? FulfilledAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<string> Items, decimal? RequestedRefund);

/// <summary>What to do with a triaged ticket: answer it (<see cref="Reply"/> set) or escalate it to <see cref="EscalateTo"/>.</summary>
public sealed record TicketDecision(string? Reply, string? EscalateTo, string Reason)
{
    /// <summary>The contract's spelling of the outcome.</summary>
    public string Outcome => Reply is null ? "escalated" : "responded";
}

/// <summary>
/// Workflow C steps 2–3: the common cases (where an order is; a refund request the policy lets support settle) are
/// answered with the order's own facts and the refund policy; everything else — urgent tickets, refunds above what
/// support may settle, questions the order cannot answer — is escalated to the persona or person who decides it.
/// </summary>
public static class TicketResolution
{
    /// <summary>The persona that answers the support queue.</summary>
    public const string SupportLead = "customer_support_lead";

    /// <summary>The persona that decides refunds above support's limit.</summary>
    public const string ReturnsTeam = "returns_refunds";

    /// <summary>The decision for a ticket.</summary>
    public static TicketDecision Decide(TicketTriageResult triage, TicketOrder? order, RefundPolicy refunds)
    {
        if (triage.Urgency == TicketUrgency.Urgent)
            return new(null, SupportLead, "urgent ticket: a person answers it");
        if (order is null)
            return new(null, SupportLead, triage.Category is TicketCategory.DeliveryStatus or TicketCategory.RefundRequest
                ? "no order on the ticket to answer from"
                : "not a common case: a person answers it");
        return triage.Category switch
        {
            TicketCategory.DeliveryStatus => new(DeliveryReply(order), null, "delivery status answered from the order"),
            TicketCategory.RefundRequest => Refund(order, refunds),
            _ => new(null, SupportLead, "not a common case: a person answers it"),
        };
    }

    private static TicketDecision Refund(TicketOrder order, RefundPolicy refunds)
    {
        var amount = order.RequestedRefund ?? order.Total;
        if (amount > refunds.FounderThreshold)
            return new(null, "founder", $"refund of {Money(amount, order.Currency)} is above {Money(refunds.FounderThreshold, order.Currency)}: the founder decides");
        if (amount > refunds.AutoRefundMax)
            return new(null, ReturnsTeam, $"refund of {Money(amount, order.Currency)} is above {Money(refunds.AutoRefundMax, order.Currency)}: an approver decides");
        return new(RefundReply(order, amount, refunds), null, "refund request within the refund policy answered");
    }

    private static string DeliveryReply(TicketOrder order)
    {
        var where = order switch
        {
            { DeliveredAt: { } delivered } => $"was delivered on {Day(delivered)}",
            { FulfilledAt: { } shipped } => $"left our warehouse on {Day(shipped)} and is on its way to you",
            _ => "is being prepared and will ship shortly",
        };
        return $"Hi, thanks for your patience. Your order {order.Id} ({Items(order)}), placed on {Day(order.PlacedAt)}, {where}. " +
               "If it has not reached you within three business days of this message, reply here and we will send a replacement or refund it.";
    }

    private static string RefundReply(TicketOrder order, decimal amount, RefundPolicy refunds) =>
        $"Hi, we're sorry about your order {order.Id} ({Items(order)}). Under our refund policy a refund of up to " +
        $"{Money(refunds.AutoRefundMax, order.Currency)} is approved without further review, so your refund of {Money(amount, order.Currency)} " +
        "is being processed and will reach your original payment method within 5–10 business days.";

    private static string Items(TicketOrder order) => order.Items.Count == 0 ? "your items" : string.Join(", ", order.Items);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Money(decimal amount, string currency) => $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";
}
