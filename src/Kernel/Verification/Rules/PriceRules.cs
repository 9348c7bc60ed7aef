using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary><c>change_price</c>: never at or below unit cost plus shipping; large steps need approval.</summary>
internal static class PriceRules
{
    public static void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        verdict.AtLeast(RiskLevel.L1);
        var policy = context.Policy.Pricing;
        var facts = context.Facts;
        ActionParameters.TryGetText(context.Parameters, "product_id", out var productId);
        ActionParameters.TryGetDecimal(context.Parameters, "new_price", out var newPrice);

        if (!facts.TryGetProduct(productId, out var product))
        {
            verdict.Deny("product_known", $"product {productId} is unknown", null, null, $"no product {productId} in the facts");
            return;
        }
        var productFact = $"product {product.Id} price={N(product.Price)} unit_cost={N(product.UnitCost)} shipping_cost={N(product.ShippingCost)}";
        var floor = product.UnitCost + product.ShippingCost;
        if (newPrice <= floor || newPrice <= 0)
            verdict.Deny("price_above_cost", $"new price {N(newPrice)} is not above unit cost plus shipping ({N(floor)})", newPrice, floor, productFact);
        else
            verdict.Pass("price_above_cost", newPrice, floor, productFact);

        AdSetRules.CheckStep(verdict, "price_step_current", "the current price", product.Price, newPrice, policy.PriceStepPct, productFact);
        var since = facts.AsOf.AddDays(-policy.PriceLookbackDays);
        var earlier = facts.PriceInForceAt(product.Id, since);
        var earlierFact = earlier is { } e
            ? $"product {product.Id} price in force {policy.PriceLookbackDays} days ago={N(e)}"
            : $"product {product.Id} no price change since {T(since)}; in force {policy.PriceLookbackDays} days ago={N(product.Price)}";
        AdSetRules.CheckStep(verdict, "price_step_7d", $"the price in force {policy.PriceLookbackDays} days ago", earlier ?? product.Price,
            newPrice, policy.PriceStepPct, earlierFact);
    }
}
