namespace LiveShop.Kernel.Automation.Alerts;

/// <summary>The kinds of alert, as the contract and the console name them.</summary>
public static class AlertKinds
{
    public const string Stockout = "stockout";
    public const string RefundSpike = "refund_spike";
    public const string RoasDrop = "roas_drop";
    public const string ConversionDrop = "conversion_drop";
    public const string ChargebackSpike = "chargeback_spike";
    public const string PaymentFailureSpike = "payment_failure_spike";
    public const string PayoutHold = "payout_hold";
    public const string DeliveryDelay = "delivery_delay";
    public const string SupplierCostIncrease = "supplier_cost_increase";
    public const string MarginBelowFloor = "margin_below_floor";
    public const string RepeatedFault = "repeated_fault";
}

/// <summary>What an alert says: the metric, the entity it is about, the value seen and the range expected, over which window.</summary>
/// <param name="Kind">One of <see cref="AlertKinds"/>.</param>
/// <param name="Metric">The metric the value is of (e.g. <c>refund_rate</c>).</param>
/// <param name="Grain">What kind of entity: business, channel, product, ad_set, supplier.</param>
/// <param name="EntityId">The product, ad set, channel or supplier id (<c>business</c> for the whole business).</param>
/// <param name="Observed">The value seen over the window.</param>
/// <param name="ExpectedLow">The low end of the expected range (null when the range has no low end).</param>
/// <param name="ExpectedHigh">The high end of the expected range (null when the range has no high end).</param>
/// <param name="WindowFrom">Start of the window the value is over.</param>
/// <param name="WindowTo">End (excluded) of the window.</param>
/// <param name="Message">One sentence a founder reads.</param>
/// <param name="RaisedBy">Who noticed: <c>automation:&lt;name&gt;</c>.</param>
public sealed record AlertDraft(
    string Kind, string Metric, string Grain, string EntityId, decimal? Observed, decimal? ExpectedLow, decimal? ExpectedHigh,
    DateTimeOffset WindowFrom, DateTimeOffset WindowTo, string Message, string RaisedBy);

/// <summary>Where an alert stands.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>An alert as stored.</summary>
public sealed record Alert(
    Guid AlertId, AlertDraft Draft, AlertStatus Status, DateTimeOffset RaisedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy, DateTimeOffset? ResolvedAt);
