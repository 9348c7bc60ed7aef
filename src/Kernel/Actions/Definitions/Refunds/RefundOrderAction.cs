using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Rules;
using LiveShop.Memory.Metrics.Quantities;
using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Actions.Definitions.Refunds;

/// <summary>
/// Sends money back to a customer. Refunds stay within what was paid; large or repeated refunds, and refunds on orders
/// whose billing and shipping countries differ (the written refund policy flags those), need approval.
/// </summary>
public sealed class RefundOrderAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "refund_order";

    /// <summary>The one definition.</summary>
    public static RefundOrderAction Definition { get; } = new();

    private RefundOrderAction() : base(ActionName, "Commerce",
        "Refunds part or all of an order to the customer. Refunds above the automatic limit wait for a human approval.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("order_id", ParameterKind.Id, Description: "The order id, e.g. o_12."),
        new("amount", ParameterKind.Money, Description: "The amount to refund in the store currency, e.g. 40.00."),
        new("reason", ParameterKind.Text, Description: "Why the customer is refunded, in a few words."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L1;
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L3;
    /// <inheritdoc />
    public override bool Spends => true;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["RefundProcessed"];
    /// <inheritdoc />
    public override string IrreversibleBecause => "a processed refund has left the business; it cannot be recalled";
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Commerce, IntegrationFamily.Payments, IntegrationFamily.Accounting];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["give the customer their money back for an order", "refund part of an order", "issue a refund of 25 dollars on o_7"],
        ["refund", "money back", "reimburse", "credit back"]);

    /// <summary>What is left on the order, and the customer's trailing 24 h (which every order of theirs adds to).</summary>
    public override IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) =>
        ActionParameters.TryGetText(parameters, "order_id", out var orderId)
            ? [new(LimitScope.Order, orderId), new(LimitScope.Customer, orderId)]
            : [];

    /// <inheritdoc />
    public override void RequestFacts(JsonElement parameters, IFactRequests facts)
    {
        if (!ActionParameters.TryGetText(parameters, "order_id", out var orderId)) return;
        facts.Order(orderId);
        facts.CustomerRefundsOf(orderId);
    }

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        var policy = context.Policy.Refunds;
        ActionParameters.TryGetText(context.Parameters, "order_id", out var orderId);
        ActionParameters.TryGetDecimal(context.Parameters, "amount", out var amount);

        if (!context.Facts.TryGetOrder(orderId, out var order))
        {
            verdict.Deny("order_known", $"order {orderId} is unknown", null, null, $"no order {orderId} in the facts");
            return;
        }
        var orderFact = $"order {order.Id} total={N(order.Total)} refunded_amount={N(order.RefundedAmount)}";

        if (amount <= 0)
            verdict.Deny("refund_amount_positive", $"refund amount {N(amount)} must be above 0", amount, 0m, orderFact);
        else
            verdict.Pass("refund_amount_positive", amount, 0m, orderFact);

        var remaining = RefundedAmount.Refundable(order.Total, order.RefundedAmount);
        if (amount > remaining)
            verdict.Deny("refund_within_remaining",
                $"refund {N(amount)} exceeds what is left to refund on order {order.Id} ({N(remaining)})", amount, remaining, orderFact);
        else
            verdict.Pass("refund_within_remaining", amount, remaining, orderFact);

        if (amount > policy.FounderThreshold)
            verdict.Escalate("founder_threshold", RiskLevel.L3,
                $"refund {N(amount)} is above the founder threshold {N(policy.FounderThreshold)}", amount, policy.FounderThreshold, orderFact);
        else
            verdict.Pass("founder_threshold", amount, policy.FounderThreshold, orderFact);

        if (amount > policy.AutoRefundMax)
            verdict.Escalate("auto_refund_max", RiskLevel.L2,
                $"refund {N(amount)} is above the auto-refund maximum {N(policy.AutoRefundMax)}", amount, policy.AutoRefundMax, orderFact);
        else
            verdict.Pass("auto_refund_max", amount, policy.AutoRefundMax, orderFact);

        var earlier = string.IsNullOrEmpty(order.CustomerId)
            ? 0m
            : context.Facts.CustomerRefundsSince(order.CustomerId, context.Facts.AsOf.AddHours(-24));
        var total = earlier + amount;
        var customerFact = $"customer {order.CustomerId ?? "(none)"} refunds in the trailing 24 h={N(earlier)}";
        if (total > policy.CustomerTrailing24hMax)
            verdict.Escalate("customer_refunds_24h", RiskLevel.L2,
                $"customer {order.CustomerId}'s refunds in the trailing 24 h would reach {N(total)}, above {N(policy.CustomerTrailing24hMax)}",
                total, policy.CustomerTrailing24hMax, customerFact);
        else
            verdict.Pass("customer_refunds_24h", total, policy.CustomerTrailing24hMax, customerFact);

        CheckCountries(order, policy, verdict);
    }

    private static void CheckCountries(OrderFact order, RefundPolicy policy, VerdictBuilder verdict)
    {
        var countryFact = $"order {order.Id} billing_country={order.BillingCountry ?? "(none)"} shipping_country={order.ShippingCountry ?? "(none)"}";
        if (!policy.HoldOnCountryMismatch || string.IsNullOrEmpty(order.BillingCountry) || string.IsNullOrEmpty(order.ShippingCountry))
            verdict.NotApplicable("refund_country_match", countryFact);
        else if (!string.Equals(order.BillingCountry, order.ShippingCountry, StringComparison.OrdinalIgnoreCase))
            verdict.Escalate("refund_country_match", RiskLevel.L2,
                $"refund on order {order.Id} whose billing country {order.BillingCountry} differs from its shipping country {order.ShippingCountry}",
                null, null, countryFact);
        else
            verdict.Pass("refund_country_match", null, null, countryFact);
    }
}
