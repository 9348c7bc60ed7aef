using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary><c>reorder_stock</c>: paying for the stock must leave at least the minimum cash runway.</summary>
internal static class ReorderRules
{
    public static void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        verdict.AtLeast(RiskLevel.L1);
        var minimum = context.Policy.Inventory.MinRunwayDays;
        var finance = context.Facts.Finance;
        ActionParameters.TryGetText(context.Parameters, "product_id", out var productId);
        ActionParameters.TryGetDecimal(context.Parameters, "quantity", out var quantity);

        if (!context.Facts.TryGetProduct(productId, out var product))
        {
            verdict.Deny("product_known", $"product {productId} is unknown", null, null, $"no product {productId} in the facts");
            return;
        }
        if (quantity <= 0)
        {
            verdict.Deny("quantity_positive", $"quantity {N(quantity)} must be above 0", quantity, 0m);
            return;
        }
        var unitCost = ActionParameters.TryGetDecimal(context.Parameters, "unit_cost", out var given) ? given : product.UnitCost;
        if (unitCost < 0)
        {
            verdict.Deny("unit_cost_not_negative", $"unit cost {N(unitCost)} must not be negative", unitCost, 0m);
            return;
        }

        var cashAfter = finance.CashBalance - quantity * unitCost;
        var facts = new[]
        {
            $"finance cash_balance={N(finance.CashBalance)} avg_daily_net_burn={N(finance.AvgDailyNetBurn)}",
            $"reorder {N(quantity)} × {N(unitCost)} = {N(quantity * unitCost)}; cash after={N(cashAfter)}",
        };
        // Runway is unbounded when the business does not burn cash, unless the payment itself overdraws it.
        if (finance.AvgDailyNetBurn <= 0)
        {
            if (cashAfter < 0)
                verdict.Deny("cash_runway", $"paying {N(quantity * unitCost)} would overdraw cash ({N(cashAfter)})", 0m, minimum, facts);
            else
                verdict.Pass("cash_runway", null, minimum, [.. facts, "runway unbounded (no net burn)"]);
            return;
        }
        var runway = Math.Max(cashAfter, 0m) / finance.AvgDailyNetBurn;
        if (runway < minimum)
            verdict.Deny("cash_runway", $"cash runway after the reorder would be {N(Math.Round(runway, 1))} days, below {N(minimum)}", runway, minimum, facts);
        else
            verdict.Pass("cash_runway", runway, minimum, facts);
    }
}
