using LiveShop.Kernel.Actions.Definitions.Catalog;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Memory.Metrics.Quantities;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>
/// <c>SupplierCostChanged</c> → the product's contribution margin (before ad spend) at the new cost; when it falls below the
/// policy's margin floor (<c>ads.margin_floor_pct</c>) a <c>MarginBelowFloor</c> alert is recorded and <c>change_price</c> is
/// proposed for the lowest price that restores the floor. Large steps wait for an approver, as the verifier decides.
/// </summary>
public sealed class SupplierCostReaction(
    IDbContextFactory<LiveShopDbContext> contexts, AutomationRequester requester, PolicyInForce policies, PlatformEvents events, AlertStore alerts)
    : IEventSubscription
{
    /// <summary>The automation's and the subscription's name.</summary>
    public const string AutomationName = "supplier_cost_margin";

    /// <summary>The alert recorded when a cost change takes a product's margin below the floor.</summary>
    public const string AlertEvent = "MarginBelowFloor";

    /// <inheritdoc />
    public string Name => AutomationName;

    /// <summary>Reacts to what happens from its first start on, not to the history it finds.</summary>
    public bool StartsAtHead => true;

    /// <inheritdoc />
    public IReadOnlySet<string> EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "SupplierCostChanged" };

    /// <inheritdoc />
    public async Task HandleAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        var productId = e.RequiredText("product_id");
        await AlertOnIncreaseAsync(e, productId, cancellationToken);
        var unitCost = e.Number("to_cost") ?? throw new InvalidOperationException($"SupplierCostChanged {e.EventId} has no to_cost");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null || product.Status != "active") return;
        var policy = await policies.GetAsync(cancellationToken);
        var floor = policy.Ads.MarginFloorPct;
        var margin = MarginRepair.MarginPct(product.Price, unitCost, product.ShippingCost, product.PlatformFeePct);
        if (margin >= floor) return;

        var proposed = MarginRepair.PriceForFloor(unitCost, product.ShippingCost, product.PlatformFeePct, floor);
        await events.AppendAsync(AlertEvent, e.EventId.ToString(), new
        {
            ProductId = productId, SupplierId = e.Text("supplier_id"), MarginPct = Math.Round(margin, 2), FloorPct = floor,
            UnitCost = unitCost, product.Price, ProposedPrice = proposed,
        }, cancellationToken);
        await alerts.RaiseAsync(new AlertDraft(AlertKinds.MarginBelowFloor, "contribution_margin_pct", "product", productId, Math.Round(margin, 2), floor, null,
            e.OccurredAt, e.OccurredAt, $"{productId} now costs {unitCost:0.00} from {e.Text("supplier_id") ?? "its supplier"}: its margin of {margin:0.0}% is below the {floor:0.#}% floor",
            AutomationRequester.RequesterPrefix + AutomationName), TimeSpan.FromHours(policy.Alerts.CooldownHours), cancellationToken);
        if (proposed is { } price && price > product.Price)
            await requester.RequestAsync(new AutomationRequest(AutomationName, ChangePriceAction.ActionName,
                new Dictionary<string, object?> { ["product_id"] = productId, ["new_price"] = price }, e.Trigger(),
                $"unit cost of {productId} now {unitCost:0.00}: margin {margin:0.0}% is below the {floor:0.#}% floor; {price:0.00} restores it"),
                cancellationToken);
    }
    private async Task AlertOnIncreaseAsync(StoredEvent e, string productId, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(cancellationToken);
        var settings = policy.Automation.SupplierCostAlerts;
        if (!settings.Enabled || e.Number("change_pct") is not { } pct || pct < settings.MinIncreasePct) return;
        var supplier = e.Text("supplier_id") ?? productId;
        // One alert per supplier and incident: a supplier repricing its list raises one event per product.
        await alerts.RaiseAsync(new AlertDraft(AlertKinds.SupplierCostIncrease, "unit_cost_change_pct", "supplier", supplier, pct, null, settings.MinIncreasePct,
            e.OccurredAt, e.OccurredAt, $"{supplier} raised the unit cost of {productId} by {pct:0.#}% (to {e.Number("to_cost"):0.00})",
            AutomationRequester.RequesterPrefix + AutomationName), TimeSpan.FromHours(policy.Alerts.CooldownHours), cancellationToken);
    }
}

/// <summary>A product's margin before ad spend, and the price that brings it back to a floor.</summary>
public static class MarginRepair
{
    /// <summary>Contribution margin before ad spend as a percentage of <paramref name="price"/> (−100 % when the price is not above 0).</summary>
    public static decimal MarginPct(decimal price, decimal unitCost, decimal shippingCost, decimal feesPct) =>
        price <= 0 ? -100m : 100m * ContributionMargin.PerUnit(price, unitCost, shippingCost, feesPct, null) / price;

    /// <summary>
    /// The lowest price (rounded up to the cent) whose margin is at least <paramref name="floorPct"/>; null when fees and the
    /// floor together take the whole price, so no price restores it.
    /// </summary>
    public static decimal? PriceForFloor(decimal unitCost, decimal shippingCost, decimal feesPct, decimal floorPct)
    {
        var keep = 1m - (feesPct + floorPct) / 100m;
        if (keep <= 0) return null;
        return Math.Ceiling((unitCost + shippingCost) / keep * 100m) / 100m;
    }
}
