using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Rules;
using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Actions.Definitions.Catalog;

/// <summary>Sets a product's price: never at or below unit cost plus shipping; large steps need approval.</summary>
public sealed class ChangePriceAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "change_price";

    /// <summary>The one definition.</summary>
    public static ChangePriceAction Definition { get; } = new();

    private ChangePriceAction() : base(ActionName, "Commerce",
        "Changes a product's price. Large changes wait for a human approval; a price at or below cost is refused.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("product_id", ParameterKind.Id, Description: "The product id, e.g. p_3."),
        new("new_price", ParameterKind.Money, Description: "The new price in the store currency, e.g. 21.00."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L1;
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L2;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["ListingUpdated"];
    /// <summary>Changing the price back.</summary>
    public override string? UndoneBy => ActionName;
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Commerce];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["change the price of a product", "make p_8 cost 30 dollars", "reprice the product"],
        ["price", "reprice", "cost customers", "sell it for", "sell for", "charge"]);

    /// <inheritdoc />
    public override IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) =>
        ActionParameters.TryGetText(parameters, "product_id", out var productId) ? [new(LimitScope.Product, productId)] : [];

    /// <inheritdoc />
    public override void RequestFacts(JsonElement parameters, IFactRequests facts)
    {
        if (!ActionParameters.TryGetText(parameters, "product_id", out var productId)) return;
        facts.Product(productId);
        facts.PriceChanges(productId);
    }

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
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

        var since = facts.AsOf.AddDays(-policy.PriceLookbackDays);
        StepRule.CheckCurrentAndLookback(verdict, "price", $"product {product.Id}", product.Price, facts.PriceInForceAt(product.Id, since),
            since, policy.PriceLookbackDays, newPrice, policy.PriceStepPct, productFact);
    }
}
