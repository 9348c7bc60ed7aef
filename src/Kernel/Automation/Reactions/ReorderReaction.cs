using LiveShop.Kernel.Actions.Definitions.Stock;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>
/// <c>StockLow</c> → a reorder proposal: <c>reorder_stock</c> (the action that raises a purchase order with the product's
/// supplier) for enough units to cover the supplier's lead time and a month of recent sales. The verifier's cash-runway
/// invariant decides whether it may run. No proposal while a purchase order for the product is still open.
/// </summary>
public sealed class ReorderReaction(IDbContextFactory<LiveShopDbContext> contexts, AutomationRequester requester) : IEventSubscription
{
    /// <summary>The automation's and the subscription's name.</summary>
    public const string AutomationName = "stock_reorder";

    private static readonly string[] ClosedPurchaseOrders = ["received", "cancelled"];

    /// <inheritdoc />
    public string Name => AutomationName;

    /// <summary>Reacts to what happens from its first start on, not to the history it finds.</summary>
    public bool StartsAtHead => true;

    /// <inheritdoc />
    public IReadOnlySet<string> EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "StockLow" };

    /// <inheritdoc />
    public async Task HandleAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        var productId = e.RequiredText("product_id");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null || product.Status != "active") return;
        var open = await db.PurchaseOrderLines.AsNoTracking()
            .AnyAsync(l => l.ProductId == productId
                           && db.PurchaseOrders.Any(po => po.Id == l.PurchaseOrderId && !ClosedPurchaseOrders.Contains(po.Status)), cancellationToken);
        if (open) return;

        var since = e.OccurredAt.AddDays(-ReorderQuantity.SalesWindowDays);
        var sold = await db.OrderLines.AsNoTracking()
            .Where(l => l.ProductId == productId && db.Orders.Any(o => o.Id == l.OrderId && o.PlacedAt > since && o.PlacedAt <= e.OccurredAt))
            .SumAsync(l => (int?)l.Quantity, cancellationToken) ?? 0;
        var leadTime = product.SupplierId is null ? 14
            : await db.Suppliers.AsNoTracking().Where(s => s.Id == product.SupplierId).Select(s => (int?)s.LeadTimeDays).FirstOrDefaultAsync(cancellationToken) ?? 14;
        var stock = (int?)e.Number("stock") ?? product.Stock;
        var quantity = ReorderQuantity.For(stock, product.ReorderPoint, sold, leadTime);
        await requester.RequestAsync(new AutomationRequest(AutomationName, ReorderStockAction.ActionName,
            new Dictionary<string, object?> { ["product_id"] = productId, ["quantity"] = quantity }, e.Trigger(),
            $"{productId} stock {stock} at or below its reorder point {product.ReorderPoint}; {sold} sold in {ReorderQuantity.SalesWindowDays} days, lead time {leadTime} days"),
            cancellationToken);
    }
}

/// <summary>How many units a reorder asks for.</summary>
public static class ReorderQuantity
{
    /// <summary>Days of sales the demand rate is read from.</summary>
    public const int SalesWindowDays = 28;

    /// <summary>Days of sales a reorder covers beyond the supplier's lead time.</summary>
    public const int CoverDays = 30;

    /// <summary>
    /// Units to cover the lead time plus <see cref="CoverDays"/> at the recent sales rate, less what is in stock; at least
    /// twice the reorder point less stock, and at least one unit.
    /// </summary>
    public static int For(int stock, int reorderPoint, int soldInWindow, int leadTimeDays)
    {
        var daily = (decimal)soldInWindow / SalesWindowDays;
        var demand = (int)Math.Ceiling(daily * (Math.Max(leadTimeDays, 0) + CoverDays));
        return Math.Max(1, Math.Max(demand, 2 * reorderPoint) - Math.Max(stock, 0));
    }
}
