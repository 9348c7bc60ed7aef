namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Contribution margin of a unit sold at <c>price</c>: price − unit cost − shipping cost − platform fees (price × fees %)
/// − the ad spend it took to sell it (price / ROAS, none when the sale needed no ads). As a percentage of the price for
/// the verifier's margin floor. The same per-unit definition sums to an order's, a product's, an ad set's or a
/// channel's margin.
/// </summary>
public static class ContributionMargin
{
    /// <summary>Margin in money of one unit; <paramref name="roas"/> null means the sale carried no ad cost.</summary>
    public static decimal PerUnit(decimal price, decimal unitCost, decimal shippingCost, decimal feesPct, decimal? roas) =>
        price - unitCost - shippingCost - price * feesPct / 100m - (roas is { } r ? price / r : 0m);

    /// <summary>Margin as a percentage of the price at <paramref name="roas"/>; null when price or ROAS is not above 0.</summary>
    public static decimal? Pct(decimal price, decimal unitCost, decimal shippingCost, decimal feesPct, decimal roas) =>
        price <= 0 || roas <= 0 ? null : 100m * PerUnit(price, unitCost, shippingCost, feesPct, roas) / price;
}
