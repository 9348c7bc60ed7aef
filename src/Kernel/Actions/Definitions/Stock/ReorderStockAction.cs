using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Rules;
using LiveShop.Memory.Metrics.Quantities;
using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Actions.Definitions.Stock;

/// <summary>Raises a purchase order with the product's supplier: paying for it must leave at least the minimum cash runway.</summary>
public sealed class ReorderStockAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "reorder_stock";

    /// <summary>The one definition.</summary>
    public static ReorderStockAction Definition { get; } = new();

    private ReorderStockAction() : base(ActionName, "Fulfillment",
        "Orders more stock of a product from its supplier. Refused when paying for it would leave less than 30 days of cash runway.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("product_id", ParameterKind.Id, Description: "The product id, e.g. p_3."),
        new("quantity", ParameterKind.WholeNumber, Description: "How many units to order, a whole number."),
        new("unit_cost", ParameterKind.Money, Required: false,
            Description: "The unit cost agreed with the supplier; leave empty to use the product's current unit cost."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L1;
    /// <inheritdoc />
    public override bool Spends => true;
    /// <inheritdoc />
    public override string IrreversibleBecause => "a placed purchase order is cancelled with the supplier, not by the shop";
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Accounting];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["order more stock of a product from the supplier", "restock p_9 with 50 units", "buy more inventory"],
        ["reorder", "restock", "order more", "more stock", "replenish", "units of", "buy more"]);

    /// <summary>The runway check reads the cash that payments spend.</summary>
    public override IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) => [Limits.LimitedEntities.Cash];

    /// <inheritdoc />
    public override void RequestFacts(JsonElement parameters, IFactRequests facts)
    {
        if (!ActionParameters.TryGetText(parameters, "product_id", out var productId)) return;
        facts.Product(productId);
        facts.Finance();
    }

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
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
        if (CashRunway.Days(cashAfter, finance.AvgDailyNetBurn) is not { } runway)
        {
            if (cashAfter < 0)
                verdict.Deny("cash_runway", $"paying {N(quantity * unitCost)} would overdraw cash ({N(cashAfter)})", 0m, minimum, facts);
            else
                verdict.Pass("cash_runway", null, minimum, [.. facts, "runway unbounded (no net burn)"]);
            return;
        }
        if (runway < minimum)
            verdict.Deny("cash_runway", $"cash runway after the reorder would be {N(Math.Round(runway, 1))} days, below {N(minimum)}", runway, minimum, facts);
        else
            verdict.Pass("cash_runway", runway, minimum, facts);
    }
}
