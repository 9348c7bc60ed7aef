using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary><c>fulfill_order</c>: fraud holds (large first order, order velocity per ip / device, country mismatch) need approval.</summary>
internal static class FulfillmentRules
{
    public static void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        verdict.AtLeast(RiskLevel.L1);
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

    private static void CheckVelocity(VerdictBuilder verdict, string id, string what, string? key, int count, Policies.FraudPolicy policy)
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
