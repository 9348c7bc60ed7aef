using LiveShop.Kernel.Actions.Definitions.Support;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>
/// <c>TicketOpened</c> → triage (urgency, sentiment, category) → the support persona answers the common cases through
/// <c>respond_ticket</c> with the order's facts and the refund policy, and the rest is escalated. Each ticket's triage is
/// recorded as a <c>TicketTriaged</c> event (once per ticket, whatever the redeliveries).
/// </summary>
public sealed class TicketReaction(IDbContextFactory<LiveShopDbContext> contexts, AutomationRequester requester, PolicyInForce policies, PlatformEvents events)
    : IEventSubscription
{
    /// <summary>The automation's and the subscription's name.</summary>
    public const string AutomationName = "ticket_triage";

    /// <summary>The event recording a ticket's triage and what became of it.</summary>
    public const string TriagedEvent = "TicketTriaged";

    /// <inheritdoc />
    public string Name => AutomationName;

    /// <summary>Reacts to what happens from its first start on, not to the history it finds.</summary>
    public bool StartsAtHead => true;

    /// <inheritdoc />
    public IReadOnlySet<string> EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "TicketOpened" };

    /// <inheritdoc />
    public async Task HandleAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        var ticketId = e.RequiredText("ticket_id");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = await db.SupportTickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        // Already answered (by a person, or before this host caught up): nothing to add.
        if (ticket is { Status: "resolved" or "closed" }) return;
        var subject = ticket?.Subject ?? e.Text("subject") ?? "";
        var triage = TicketTriage.Classify(subject, ticket?.Body ?? "", ticket?.Priority ?? e.Text("priority") ?? "normal");
        var orderId = ticket?.OrderId ?? e.Text("order_id");
        var order = orderId is null ? null : await OrderAsync(db, orderId, cancellationToken);
        var policy = await policies.GetAsync(cancellationToken);
        var decision = TicketResolution.Decide(triage, order, policy.Refunds);

        string? actionId = null;
        var outcome = decision.Outcome;
        if (decision.Reply is { } reply)
        {
            var result = await requester.RequestAsync(new AutomationRequest(AutomationName, RespondTicketAction.ActionName,
                new Dictionary<string, object?> { ["ticket_id"] = ticketId, ["message"] = reply }, e.Trigger(),
                $"ticket {ticketId} triaged {triage.Category} ({triage.Urgency}, {triage.Sentiment}): {decision.Reason}"), cancellationToken);
            actionId = result.Packet.ActionId;
            if (result.Status is Actions.ActionStatus.Denied or Actions.ActionStatus.Failed) outcome = "reply_refused";
        }
        await events.AppendAsync(TriagedEvent, ticketId, new
        {
            TicketId = ticketId,
            Urgency = Code(triage.Urgency.ToString()),
            Sentiment = Code(triage.Sentiment.ToString()),
            Category = Code(triage.Category.ToString()),
            Outcome = outcome,
            EscalatedTo = decision.EscalateTo,
            ActionId = actionId,
            decision.Reason,
        }, cancellationToken);
    }

    private static async Task<TicketOrder?> OrderAsync(LiveShopDbContext db, string orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null) return null;
        var productIds = order.Lines.Select(l => l.ProductId).Distinct().ToList();
        var titles = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        var requested = await db.Refunds.AsNoTracking()
            .Where(r => r.OrderId == orderId && r.Status == "requested")
            .SumAsync(r => (decimal?)r.Amount, cancellationToken);
        return new TicketOrder(order.Id, order.PlacedAt, order.Status, order.Total, order.Currency, order.FulfilledAt, order.DeliveredAt,
            [.. order.Lines.Select(l => titles.GetValueOrDefault(l.ProductId, l.ProductId))], requested);
    }

    // DeliveryStatus → delivery_status, as the event catalogue spells values.
    private static string Code(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
