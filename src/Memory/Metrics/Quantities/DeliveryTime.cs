namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Delivery time (the metrics' <c>delivery_sla_days</c>): of the orders delivered in a window [from, to), the average number
/// of days from being placed to being delivered; null when nothing was delivered. Complements <see cref="DeliverySla"/>,
/// which measures the shipping promise (dispatch within 48 hours), with what the customer waited end to end.
/// </summary>
public static class DeliveryTime
{
    /// <summary>Days an <c>orders</c> row aliased <c>o</c> took from being placed to being delivered, as SQL.</summary>
    public const string SqlDays = "extract(epoch FROM (o.delivered_at - o.placed_at)) / 86400";

    /// <summary>Average days to deliver of <paramref name="delivered"/> orders that took <paramref name="totalDays"/> together.</summary>
    public static decimal? AverageDays(decimal totalDays, decimal delivered) => delivered == 0 ? null : totalDays / delivered;
}
