using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>The contribution margin one order line made (<see cref="ContributionMargin.OfLine"/>).</summary>
public sealed record LineMargin(string OrderId, string Channel, string ProductId, decimal Revenue, decimal Margin);

/// <summary>
/// What sales made, line by line, and its sums per order, product and channel: each line's goods revenue less units ×
/// (unit cost + shipping cost) and platform fees, less its share (by line total) of what the order refunded
/// (<see cref="RefundedAmount"/>). Before ad spend; a chargeback is not a refund. Costs are the product's current ones.
/// </summary>
public static class SalesMargins
{
    /// <summary>The margin of every line of <paramref name="orders"/> (pass <see cref="Sales.PlacedIn"/> for a window's sales).</summary>
    public static async Task<IReadOnlyList<LineMargin>> OfAsync(LiveShopDbContext db, IQueryable<Order> orders, CancellationToken cancellationToken)
    {
        var lines = await db.OrderLines.AsNoTracking()
            .Join(orders, l => l.OrderId, o => o.Id, (l, o) => new { l, o.Channel })
            .Join(db.Products, x => x.l.ProductId, p => p.Id, (x, p) => new
            {
                x.l.OrderId, x.Channel, x.l.ProductId, x.l.Quantity, x.l.LineTotal, p.UnitCost, p.ShippingCost, p.PlatformFeePct,
            })
            .ToListAsync(cancellationToken);
        var refunded = await db.Refunds.AsNoTracking().ThatCount().Where(r => orders.Any(o => o.Id == r.OrderId))
            .GroupBy(r => r.OrderId).Select(g => new { OrderId = g.Key, Amount = g.Sum(r => r.Amount) })
            .ToDictionaryAsync(g => g.OrderId, g => g.Amount, cancellationToken);
        var orderGoods = lines.GroupBy(l => l.OrderId).ToDictionary(g => g.Key, g => g.Sum(l => l.LineTotal));
        return lines
            .Select(l =>
            {
                var goods = orderGoods[l.OrderId];
                var refundShare = refunded.TryGetValue(l.OrderId, out var amount) && goods != 0 ? amount * l.LineTotal / goods : 0m;
                return new LineMargin(l.OrderId, l.Channel, l.ProductId, l.LineTotal,
                    ContributionMargin.OfLine(l.LineTotal, l.Quantity, l.UnitCost, l.ShippingCost, l.PlatformFeePct, refundShare));
            })
            .OrderBy(l => l.OrderId, StringComparer.Ordinal).ThenBy(l => l.ProductId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The same per-line margin as SQL, for set-based reads (the metrics store's snapshot): over an <c>order_lines</c> row
    /// <c>l</c>, its <c>products</c> row <c>p</c> and <c>rf</c>, the order's refunded amount (<see cref="RefundedAmount"/>,
    /// NULL when nothing was refunded), with the order's goods total as a window over <c>l.order_id</c>.
    /// </summary>
    public const string SqlLineMargin =
        "l.line_total - l.quantity * (p.unit_cost + p.shipping_cost) - l.line_total * p.platform_fee_pct / 100 " +
        "- coalesce(rf.amount * l.line_total / nullif(sum(l.line_total) OVER (PARTITION BY l.order_id), 0), 0)";

    /// <summary>Margins summed per order.</summary>
    public static IReadOnlyDictionary<string, decimal> ByOrder(this IEnumerable<LineMargin> lines) => Sum(lines, l => l.OrderId);

    /// <summary>Margins summed per product.</summary>
    public static IReadOnlyDictionary<string, decimal> ByProduct(this IEnumerable<LineMargin> lines) => Sum(lines, l => l.ProductId);

    /// <summary>Margins summed per sales channel.</summary>
    public static IReadOnlyDictionary<string, decimal> ByChannel(this IEnumerable<LineMargin> lines) => Sum(lines, l => l.Channel);

    /// <summary>Money figures as reports show them: two places.</summary>
    public static decimal Reported(decimal margin) => Math.Round(margin, 2);

    private static Dictionary<string, decimal> Sum(IEnumerable<LineMargin> lines, Func<LineMargin, string> key) =>
        lines.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(l => l.Margin));
}
