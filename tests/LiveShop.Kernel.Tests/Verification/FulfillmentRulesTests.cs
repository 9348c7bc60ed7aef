using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class FulfillmentRulesTests
{
    private readonly Scenario _scenario = new();

    private Verdict Fulfill(string orderId = "o_1") => _scenario.Verify("fulfill_order", new { order_id = orderId });

    [Fact]
    public void First_order_of_exactly_300_is_fulfilled_at_L1()
    {
        _scenario.ReplaceOrder(o => o with { FirstOrder = true, Total = 300m });
        Fulfill().IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void First_order_above_300_is_held_for_any_approver()
    {
        _scenario.ReplaceOrder(o => o with { FirstOrder = true, Total = 300.01m });
        var verdict = Fulfill();
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("first_order_total").Status);
    }

    [Fact]
    public void Repeat_order_above_300_is_not_held()
    {
        _scenario.ReplaceOrder(o => o with { FirstOrder = false, Total = 5_000m });
        Fulfill().IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void Three_orders_from_one_ip_in_the_trailing_hour_are_not_held()
    {
        _scenario.ReplaceOrder(o => o with { PlacedAt = Scenario.AsOf.AddMinutes(-5) });
        _scenario.AddOrder("o_2", Scenario.AsOf.AddMinutes(-10), ip: "10.0.0.1");
        _scenario.AddOrder("o_3", Scenario.AsOf.AddMinutes(-60), ip: "10.0.0.1");
        _scenario.AddOrder("o_4", Scenario.AsOf.AddMinutes(-60).AddTicks(-1), ip: "10.0.0.1");
        var verdict = Fulfill();
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(3m, verdict.Check("order_velocity_ip").Value);
    }

    [Fact]
    public void Four_orders_from_one_ip_in_the_trailing_hour_are_held()
    {
        _scenario.ReplaceOrder(o => o with { PlacedAt = Scenario.AsOf.AddMinutes(-5) });
        _scenario.AddOrder("o_2", Scenario.AsOf.AddMinutes(-10), ip: "10.0.0.1");
        _scenario.AddOrder("o_3", Scenario.AsOf.AddMinutes(-59), ip: "10.0.0.1");
        _scenario.AddOrder("o_4", Scenario.AsOf.AddMinutes(-60), ip: "10.0.0.1");
        var verdict = Fulfill();
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(4m, verdict.Check("order_velocity_ip").Value);
    }

    [Fact]
    public void Four_orders_from_one_device_in_the_trailing_hour_are_held()
    {
        _scenario.ReplaceOrder(o => o with { PlacedAt = Scenario.AsOf.AddMinutes(-1) });
        for (var i = 2; i <= 4; i++) _scenario.AddOrder($"o_{i}", Scenario.AsOf.AddMinutes(-i), ip: $"10.1.0.{i}", device: "d_1");
        var verdict = Fulfill();
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("order_velocity_device").Status);
        Assert.Equal(CheckStatus.Pass, verdict.Check("order_velocity_ip").Status);
    }

    [Fact]
    public void Billing_country_different_from_shipping_country_is_held()
    {
        _scenario.ReplaceOrder(o => o with { BillingCountry = "AU", ShippingCountry = "NZ" });
        var verdict = Fulfill();
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("country_match").Status);
    }

    [Fact]
    public void Every_fraud_hold_that_fires_is_listed()
    {
        _scenario.ReplaceOrder(o => o with { FirstOrder = true, Total = 900m, ShippingCountry = "US" });
        var verdict = Fulfill();
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(2, verdict.Reasons.Count);
    }

    [Fact]
    public void Fulfilling_an_unknown_order_is_denied() => Fulfill("o_missing").IsDenied("order_known");
}
