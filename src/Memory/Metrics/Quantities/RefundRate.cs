namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Refund rate: of the sales placed in a window (<see cref="Sales"/>), the share that refunded anything
/// (<see cref="RefundedAmount"/>: requested, approved or processed refunds), in percent to two places. An order counts
/// once however many refunds it has; the refunds are counted whenever they came, so the rate of a recent window rises as
/// its orders come back. Null without sales.
/// </summary>
public static class RefundRate
{
    /// <summary>The refund rate of <paramref name="orders"/> sales of which <paramref name="refundedOrders"/> refunded anything.</summary>
    public static decimal? Pct(int refundedOrders, int orders) => orders == 0 ? null : Math.Round(100m * refundedOrders / orders, 2);
}

/// <summary>
/// Chargeback rate: of the sales placed in a window (<see cref="Sales"/>), the share with a dispute opened against them,
/// whatever the dispute's outcome, in percent to two places. Null without sales.
/// </summary>
public static class ChargebackRate
{
    /// <summary>The chargeback rate of <paramref name="orders"/> sales of which <paramref name="chargedBackOrders"/> were disputed.</summary>
    public static decimal? Pct(int chargedBackOrders, int orders) => orders == 0 ? null : Math.Round(100m * chargedBackOrders / orders, 2);
}
