namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Contribution margin of a unit sold at <c>price</c>: price − unit cost − shipping cost − platform fees (price × fees %)
/// − the ad spend it took to sell it (price / ROAS, none when the sale needed no ads). As a percentage of the price for
/// the verifier's margin floor and an ad set's report. What sales actually made (per order, product or channel) is the
/// same per-unit sum over their lines less what the order refunded, before ad spend (orders carry no ad attribution):
/// see <see cref="SalesMargins"/>.
/// </summary>
public static class ContributionMargin
{
    /// <summary>Margin in money of one unit; <paramref name="roas"/> null means the sale carried no ad cost.</summary>
    public static decimal PerUnit(decimal price, decimal unitCost, decimal shippingCost, decimal feesPct, decimal? roas) =>
        price - unitCost - shippingCost - price * feesPct / 100m - (roas is { } r ? price / r : 0m);

    /// <summary>
    /// Margin of an order line of <paramref name="quantity"/> units for <paramref name="lineTotal"/>, before ad spend, less
    /// <paramref name="refundShare"/>: the line's share of what its order refunded.
    /// </summary>
    public static decimal OfLine(decimal lineTotal, int quantity, decimal unitCost, decimal shippingCost, decimal feesPct, decimal refundShare) =>
        lineTotal - quantity * (unitCost + shippingCost) - lineTotal * feesPct / 100m - refundShare;

    /// <summary>Margin as a percentage of the price at <paramref name="roas"/>; null when price or ROAS is not above 0.</summary>
    public static decimal? Pct(decimal price, decimal unitCost, decimal shippingCost, decimal feesPct, decimal roas) =>
        price <= 0 || roas <= 0 ? null : 100m * PerUnit(price, unitCost, shippingCost, feesPct, roas) / price;
}
