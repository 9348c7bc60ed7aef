using LiveShop.Kernel.Actions.Definitions.Ads;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>
/// Workflow C step 4: when refunds of one product for the same reason reach the policy's count within its window
/// (<c>automation.repeated_faults</c>), Quality &amp; Risk is notified (a <c>ProductFaultDetected</c> event) and pausing each
/// of the product's active ad sets is proposed (<see cref="PauseAdSetAction"/>). No action pauses or delists a listing, so the
/// notice asks Quality &amp; Risk to decide that. It fires on the refund that reaches the count, not on every one after it.
/// </summary>
public sealed class RepeatedFaultReaction(
    IDbContextFactory<LiveShopDbContext> contexts, AutomationRequester requester, PolicyInForce policies, PlatformEvents events, AlertStore alerts)
    : IEventSubscription
{
    /// <summary>The automation's and the subscription's name.</summary>
    public const string AutomationName = "repeated_faults";

    /// <summary>The notice to Quality &amp; Risk.</summary>
    public const string DetectedEvent = "ProductFaultDetected";

    /// <inheritdoc />
    public string Name => AutomationName;

    /// <summary>Reacts to what happens from its first start on, not to the history it finds.</summary>
    public bool StartsAtHead => true;

    /// <inheritdoc />
    public IReadOnlySet<string> EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "RefundRequested" };

    /// <inheritdoc />
    public async Task HandleAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        var settings = (await policies.GetAsync(cancellationToken)).Automation.RepeatedFaults;
        if (!settings.Enabled || e.Text("reason") is not { Length: > 0 } reason) return;
        var refundId = e.RequiredText("refund_id");
        var orderId = e.RequiredText("order_id");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = await db.OrderLines.AsNoTracking().Where(l => l.OrderId == orderId).Select(l => l.ProductId).Distinct().ToListAsync(cancellationToken);
        var from = e.OccurredAt.AddDays(-settings.Days);
        foreach (var productId in products.Order(StringComparer.Ordinal))
        {
            var refunds = await db.Refunds.AsNoTracking()
                .Where(r => r.Reason == reason && r.RequestedAt > from && r.RequestedAt <= e.OccurredAt
                            && db.OrderLines.Any(l => l.OrderId == r.OrderId && l.ProductId == productId))
                .Select(r => new { r.Id, r.RequestedAt })
                .ToListAsync(cancellationToken);
            var ordered = refunds.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
            if (!ordered.Contains(refundId)) ordered.Add(refundId);
            if (!RepeatedFaultRule.Reaches(ordered, refundId, settings.Count)) continue;
            await ReactAsync(db, e, productId, reason, ordered.Count, settings, cancellationToken);
        }
    }

    private async Task ReactAsync(LiveShopDbContext db, StoredEvent e, string productId, string reason, int count, RepeatedFaults settings,
        CancellationToken cancellationToken)
    {
        var adSets = await db.AdSets.AsNoTracking().Where(a => a.ProductId == productId && a.Status == "active")
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        await events.AppendAsync(DetectedEvent, $"{productId}:{reason}:{e.EventId}", new
        {
            ProductId = productId, Reason = reason, Count = count, WindowDays = settings.Days, Notify = "quality_risk",
            RefundId = e.Text("refund_id"), ProposedPauses = adSets,
            Note = "no action pauses or delists a listing; Quality & Risk decides on the listing",
        }, cancellationToken);
        var cooldown = TimeSpan.FromHours((await policies.GetAsync(cancellationToken)).Alerts.CooldownHours);
        await alerts.RaiseAsync(new AlertDraft(AlertKinds.RepeatedFault, "refunds_same_reason", "product", productId, count, null, settings.Count - 1,
            e.OccurredAt.AddDays(-settings.Days), e.OccurredAt, $"{count} refunds of {productId} for {reason.Replace('_', ' ')} within {settings.Days} days: Quality & Risk should look at it",
            AutomationRequester.RequesterPrefix + AutomationName), cooldown, cancellationToken);
        foreach (var adSet in adSets)
            await requester.RequestAsync(new AutomationRequest(AutomationName, PauseAdSetAction.ActionName,
                new Dictionary<string, object?> { ["ad_set_id"] = adSet }, e.Trigger(),
                $"{count} refunds of {productId} for {reason} within {settings.Days} days"), cancellationToken);
    }
}

/// <summary>When a refund makes a repeated fault.</summary>
public static class RepeatedFaultRule
{
    /// <summary>
    /// True when <paramref name="refundId"/> is the one that brings the refunds of the window (<paramref name="inOrder"/>,
    /// earliest first) to <paramref name="count"/>: a fault is reported once, when it appears, not on each refund after it.
    /// </summary>
    public static bool Reaches(IReadOnlyList<string> inOrder, string refundId, int count)
    {
        var index = -1;
        for (var i = 0; i < inOrder.Count; i++)
            if (inOrder[i] == refundId) index = i;
        return count > 0 && index == count - 1;
    }
}
