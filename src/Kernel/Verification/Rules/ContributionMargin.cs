using LiveShop.Kernel.Verification.Facts;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary>Projected contribution margin of an ad set's product, as the verify contract defines it.</summary>
public static class ContributionMargin
{
    /// <summary>
    /// 100 × (price − unit_cost − shipping_cost − price × fees_pct/100 − price / roas) / price, with roas = projected_roas
    /// when given, else roas_7d; null when price or roas is not above 0.
    /// </summary>
    public static decimal? ProjectedPct(ProductFact product, AdSetFact adSet, out decimal roas, out string roasSource)
    {
        (roas, roasSource) = adSet.ProjectedRoas is { } projected ? (projected, "projected_roas") : (adSet.Roas7d, "roas_7d");
        return Memory.Metrics.Quantities.ContributionMargin.Pct(product.Price, product.UnitCost, product.ShippingCost, product.FeesPct, roas);
    }
}
