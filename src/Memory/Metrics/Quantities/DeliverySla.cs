using System.Linq.Expressions;
using LiveShop.Memory.Data.Entities.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Delivery SLA: the shipping promise is that an order leaves the warehouse within <see cref="ShipWithinHours"/> hours of
/// being placed, the boundary included. SLA met % is, of the orders shipped in a window [from, to), the share that kept the
/// promise, in percent to one place; null when nothing shipped.
/// </summary>
public static class DeliverySla
{
    /// <summary>The shipping promise: dispatched within two days of the order.</summary>
    public const int ShipWithinHours = 48;

    /// <summary>The orders among <paramref name="orders"/> shipped in <paramref name="window"/>.</summary>
    public static IQueryable<Order> ShippedIn(this IQueryable<Order> orders, TimeWindow window) =>
        orders.Where(o => o.FulfilledAt >= window.From && o.FulfilledAt < window.To);

    /// <summary>Whether a shipped order kept a promise of <paramref name="withinHours"/> hours, as a database filter.</summary>
    public static Expression<Func<Order, bool>> Kept(int withinHours = ShipWithinHours) => o => o.FulfilledAt <= o.PlacedAt.AddHours(withinHours);

    /// <summary>How many of <paramref name="orders"/> shipped in <paramref name="window"/>, and how many of those kept the promise.</summary>
    public static async Task<(int Shipped, int Met)> TallyAsync(IQueryable<Order> orders, TimeWindow window, CancellationToken cancellationToken,
        int withinHours = ShipWithinHours)
    {
        var shipped = orders.ShippedIn(window);
        return (await shipped.CountAsync(cancellationToken), await shipped.CountAsync(Kept(withinHours), cancellationToken));
    }

    /// <summary>The share of <paramref name="shipped"/> orders of which <paramref name="met"/> kept the promise.</summary>
    public static double? MetPct(int met, int shipped) => shipped == 0 ? null : Math.Round(100.0 * met / shipped, 1);
}
