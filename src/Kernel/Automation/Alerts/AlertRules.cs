using LiveShop.Memory.Metrics.Store;

namespace LiveShop.Kernel.Automation.Alerts;

/// <summary>Which way a metric goes wrong.</summary>
public enum BadDirection
{
    Up,
    Down,
}

/// <summary>
/// An anomaly rule on a metric of the metrics store: the metric over a trailing window of <see cref="WindowDays"/> days,
/// judged against the same window's values over the baseline; only a change past <see cref="MinRelativeChange"/> of the
/// baseline's centre, on enough volume (<see cref="Enough"/>), is an alert. <see cref="Deviations"/>, when given, replaces
/// the policy's MAD multiplier for the rule.
/// </summary>
public sealed record MetricRule(
    string Kind, string Metric, string Grain, BadDirection Direction, int WindowDays, decimal MinRelativeChange, decimal MinAbsoluteChange,
    Func<MetricComponents, bool> Enough, decimal? Deviations = null);

/// <summary>
/// An anomaly rule on a daily count (refund requests, disputes opened, failed payments) over a trailing window: Poisson-like
/// noise, so the range is at least ± (<see cref="MinExcess"/> + 3 √centre) wide. A one-day window is judged against the
/// same weekday (<see cref="ExpectedRange.Seasonal"/>); a seven-day window holds every weekday once, so it needs no seasonal
/// adjustment.
/// </summary>
public sealed record CountRule(string Kind, string Metric, int WindowDays, decimal MinExcess);

/// <summary>The rules the alert scan applies (docs/operations.md, "Alerts", explains each).</summary>
public static class AlertRules
{
    /// <summary>Rules over the metrics store's series.</summary>
    public static IReadOnlyList<MetricRule> Metrics { get; } =
    [
        new(AlertKinds.RoasDrop, "roas", MetricGrains.AdSet, BadDirection.Down, 5, 0.45m, 0.3m, c => c.AdSpend >= 50m),
        new(AlertKinds.ConversionDrop, "conversion_rate", MetricGrains.Product, BadDirection.Down, 5, 0.45m, 0.3m, c => c.Sessions >= 400m),
        new(AlertKinds.DeliveryDelay, "delivery_sla_days", MetricGrains.Channel, BadDirection.Up, 3, 0.5m, 3m, c => c.DeliveredOrders >= 20m),
    ];

    /// <summary>Refund requests per product and for the business, by the day they were asked for.</summary>
    public static CountRule Refunds { get; } = new(AlertKinds.RefundSpike, "refund_requests", 7, 7m);

    /// <summary>Disputes (chargebacks) opened, for the business.</summary>
    public static CountRule Chargebacks { get; } = new(AlertKinds.ChargebackSpike, "chargebacks_opened", 7, 5m);

    /// <summary>Failed payments, for the business.</summary>
    public static CountRule PaymentFailures { get; } = new(AlertKinds.PaymentFailureSpike, "payment_failures", 1, 6m);
}
