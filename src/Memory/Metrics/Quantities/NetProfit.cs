namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// Net profit of sales: what they made (<see cref="SalesMargins"/>: goods revenue less unit cost, shipping, platform fees
/// and refunds) less the ad spend over the same time. Overheads the ledger books outside a sale (salaries, software) are
/// not attributed to a product, channel or hour, so they are not in it; the ledger's profit and loss has them.
/// </summary>
public static class NetProfit
{
    /// <summary>Net profit of <paramref name="margin"/> after <paramref name="adSpend"/> (none when the grain has no ads).</summary>
    public static decimal Of(decimal margin, decimal? adSpend) => margin - (adSpend ?? 0m);
}

/// <summary>
/// Customer acquisition cost: ad spend per new customer (a sale that was the customer's first order). An ad set's new
/// customers are the orders its platform attributes to it, the only acquisitions an ad set knows. Null without any.
/// </summary>
public static class AcquisitionCost
{
    /// <summary>Spend per acquisition; null when nothing was acquired.</summary>
    public static decimal? Of(decimal adSpend, decimal newCustomers) => newCustomers == 0 ? null : adSpend / newCustomers;
}

/// <summary>
/// Conversion rate: of the sessions the data records (ad clicks, the paid sessions the ad platforms report; the shop's own
/// visits are not recorded), the share that ended in an order the platform attributes to the ad, in percent. Null without sessions.
/// </summary>
public static class ConversionRate
{
    /// <summary>Orders per session, in percent.</summary>
    public static decimal? Pct(decimal orders, decimal sessions) => sessions == 0 ? null : 100m * orders / sessions;
}

/// <summary>A product is out of stock when it has no unit left to sell; stockouts count the active products that are.</summary>
public static class Stockout
{
    /// <summary>The product status whose stockouts count (a retired or draft product sells nothing either way).</summary>
    public const string ActiveStatus = "active";

    /// <summary>Whether <paramref name="stock"/> units is a stockout.</summary>
    public static bool IsOut(decimal stock) => stock <= 0;
}
