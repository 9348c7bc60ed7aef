using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Which orders are sales: every order placed in the window except cancelled ones and ones whose payment failed, which
/// never brought money in. Revenue is their totals; refund rate and chargeback rate are shares of their count.
/// </summary>
public static class Sales
{
    /// <summary>Order statuses that are not a sale.</summary>
    public static IReadOnlyList<string> NotSaleStatuses { get; } = ["cancelled", "payment_failed"];

    private static readonly string[] NotSale = [.. NotSaleStatuses];

    /// <summary>The sales among <paramref name="orders"/> placed in <paramref name="window"/>.</summary>
    public static IQueryable<Order> PlacedIn(this IQueryable<Order> orders, TimeWindow window) =>
        orders.Where(o => o.PlacedAt >= window.From && o.PlacedAt < window.To && !NotSale.Contains(o.Status));

    /// <summary>Whether an order with <paramref name="status"/> is a sale.</summary>
    public static bool IsSale(string status) => !NotSale.Contains(status);

    /// <summary>
    /// The same rule as SQL over an <c>orders</c> row aliased <c>o</c>, for set-based reads (the metrics store's snapshot).
    /// Kept equal to <see cref="NotSaleStatuses"/> by the quantity definition tests.
    /// </summary>
    public const string SqlIsSale = "o.status NOT IN ('cancelled', 'payment_failed')";

    /// <summary>Average order value: revenue per sale, null without sales; compared unrounded, reported to two places.</summary>
    public static decimal? AverageOrderValue(decimal revenue, decimal orders) => orders == 0 ? null : revenue / orders;
}
