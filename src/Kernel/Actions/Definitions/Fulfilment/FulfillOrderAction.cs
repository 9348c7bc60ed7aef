using System.Text.Json;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Rules;
using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Actions.Definitions.Fulfilment;

/// <summary>Ships an order: fraud holds (large first order, order velocity per ip / device, country mismatch) need approval.</summary>
public sealed class FulfillOrderAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "fulfill_order";

    /// <summary>The one definition.</summary>
    public static FulfillOrderAction Definition { get; } = new();

    private FulfillOrderAction() : base(ActionName, "Fulfillment",
        "Sends an order to the warehouse for shipping. Orders that look like fraud are held for a human approval.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } = [new("order_id", ParameterKind.Id, Description: "The order id, e.g. o_12.")];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L1;
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L2;
    /// <inheritdoc />
    public override string IrreversibleBecause => "a shipped parcel cannot be recalled by the shop";
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Commerce, IntegrationFamily.Fulfillment];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["ship the order to the customer", "send order o_4 to the warehouse", "dispatch the order"],
        ["ship", "fulfil", "fulfill", "dispatch", "send out", "warehouse"]);

    /// <inheritdoc />
    public override void RequestFacts(JsonElement parameters, IFactRequests facts)
    {
        if (!ActionParameters.TryGetText(parameters, "order_id", out var orderId)) return;
        facts.Order(orderId);
        facts.OrdersFromSameIpOrDevice(orderId);
    }

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        var policy = context.Policy.Fraud;
        var facts = context.Facts;
        ActionParameters.TryGetText(context.Parameters, "order_id", out var orderId);
        if (!facts.TryGetOrder(orderId, out var order))
        {
            verdict.Deny("order_known", $"order {orderId} is unknown", null, null, $"no order {orderId} in the facts");
            return;
        }

        var orderFact = $"order {order.Id} total={N(order.Total)} first_order={(order.FirstOrder ? "true" : "false")}";
        if (order.FirstOrder && order.Total > policy.FirstOrderTotalMax)
            verdict.Escalate("first_order_total", RiskLevel.L2,
                $"fraud hold: first order {order.Id} total {N(order.Total)} is above {N(policy.FirstOrderTotalMax)}", order.Total, policy.FirstOrderTotalMax, orderFact);
        else
            verdict.Pass("first_order_total", order.Total, policy.FirstOrderTotalMax, orderFact);

        var since = facts.AsOf.AddMinutes(-policy.VelocityWindowMinutes);
        CheckVelocity(verdict, "order_velocity_ip", "ip", order.Ip, order.Ip is null ? 0 : facts.CountOrdersFromIp(order.Ip, since), policy);
        CheckVelocity(verdict, "order_velocity_device", "device", order.DeviceId,
            order.DeviceId is null ? 0 : facts.CountOrdersFromDevice(order.DeviceId, since), policy);

        var countryFact = $"order {order.Id} billing_country={order.BillingCountry ?? "(none)"} shipping_country={order.ShippingCountry ?? "(none)"}";
        if (!policy.HoldOnCountryMismatch || string.IsNullOrEmpty(order.BillingCountry) || string.IsNullOrEmpty(order.ShippingCountry))
            verdict.NotApplicable("country_match", countryFact);
        else if (!string.Equals(order.BillingCountry, order.ShippingCountry, StringComparison.OrdinalIgnoreCase))
            verdict.Escalate("country_match", RiskLevel.L2,
                $"fraud hold: billing country {order.BillingCountry} differs from shipping country {order.ShippingCountry}", null, null, countryFact);
        else
            verdict.Pass("country_match", null, null, countryFact);
    }

    private static void CheckVelocity(VerdictBuilder verdict, string id, string what, string? key, int count, FraudPolicy policy)
    {
        if (string.IsNullOrEmpty(key))
        {
            verdict.NotApplicable(id, $"order has no {what}");
            return;
        }
        var fact = $"{what} {key} orders in the trailing {policy.VelocityWindowMinutes} min={count}";
        if (count > policy.MaxOrdersPerIpOrDevice)
            verdict.Escalate(id, RiskLevel.L2,
                $"fraud hold: {count} orders from {what} {key} in the trailing {policy.VelocityWindowMinutes} min, above {policy.MaxOrdersPerIpOrDevice}",
                count, policy.MaxOrdersPerIpOrDevice, fact);
        else
            verdict.Pass(id, count, policy.MaxOrdersPerIpOrDevice, fact);
    }
}
