namespace LiveShop.Memory.Metrics.Store;

/// <summary>
/// What one bucket of the series holds for one entity: the additive parts every metric is computed from. Flows are sums
/// over the bucket; <see cref="Stock"/>, <see cref="Stockouts"/>, <see cref="Cash"/> and <see cref="Burn30d"/> are levels
/// at its end. Null where the grain does not know the part (no ad spend per sales channel, no cash per product).
/// </summary>
/// <param name="Revenue">Sales revenue: order totals (business, channel) or the product's line totals (product).</param>
/// <param name="Orders">Sales placed (<see cref="Quantities.Sales"/>); for a product, the sales that contained it.</param>
/// <param name="NewCustomers">Of those, customers' first orders; for an ad set, the orders its platform attributes to it.</param>
/// <param name="RefundedOrders">Of those, the ones that refunded anything (<see cref="Quantities.RefundedAmount"/>).</param>
/// <param name="ChargedBackOrders">Of those, the ones with a dispute opened against them.</param>
/// <param name="Margin">What they made before ad spend (<see cref="Quantities.SalesMargins"/>).</param>
/// <param name="AdSpend">Ad spend (1/24 of the day's per hour).</param>
/// <param name="AdRevenue">Revenue the ad platforms attribute to the ads.</param>
/// <param name="AdOrders">Orders the ad platforms attribute to the ads.</param>
/// <param name="Sessions">Ad clicks: the sessions the data records.</param>
/// <param name="DeliveredOrders">Orders delivered in the bucket.</param>
/// <param name="DeliveryDays">Their days from placed to delivered, summed (<see cref="Quantities.DeliveryTime"/>).</param>
/// <param name="Stock">Units in stock at the bucket's end.</param>
/// <param name="Stockouts">Active products out of stock at the bucket's end (<see cref="Quantities.Stockout"/>).</param>
/// <param name="Cash">Cash at bank at the bucket's end (<see cref="Quantities.CashRunway"/>).</param>
/// <param name="Burn30d">Net cash outflow over the burn window ending there.</param>
public sealed record MetricComponents(
    decimal? Revenue, decimal? Orders, decimal? NewCustomers, decimal? RefundedOrders, decimal? ChargedBackOrders, decimal? Margin,
    decimal? AdSpend, decimal? AdRevenue, decimal? AdOrders, decimal? Sessions, decimal? DeliveredOrders, decimal? DeliveryDays,
    decimal? Stock, decimal? Stockouts, decimal? Cash, decimal? Burn30d)
{
    /// <summary>The table's component columns, in the order of the record's parameters.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "revenue", "orders", "new_customers", "refunded_orders", "charged_back_orders", "margin", "ad_spend", "ad_revenue",
        "ad_orders", "sessions", "delivered_orders", "delivery_days", "stock", "stockouts", "cash", "burn_30d",
    ];

    /// <summary>Which columns are levels (the day keeps its last hour's value) rather than flows (the day sums its hours).</summary>
    public static IReadOnlySet<string> Levels { get; } = new HashSet<string>(["stock", "stockouts", "cash", "burn_30d"], StringComparer.Ordinal);

    /// <summary>Builds the record from values in <see cref="Columns"/> order.</summary>
    public static MetricComponents From(IReadOnlyList<decimal?> v) =>
        new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);

    /// <summary>The values in <see cref="Columns"/> order: the inverse of <see cref="From"/>.</summary>
    public IReadOnlyList<decimal?> ToValues() =>
        [Revenue, Orders, NewCustomers, RefundedOrders, ChargedBackOrders, Margin, AdSpend, AdRevenue, AdOrders, Sessions, DeliveredOrders,
         DeliveryDays, Stock, Stockouts, Cash, Burn30d];
}
