using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class RefundRulesTests
{
    private readonly Scenario _scenario = new();

    private Verdict Refund(object amount, string orderId = "o_1") =>
        _scenario.Verify("refund_order", new Dictionary<string, object> { ["order_id"] = orderId, ["amount"] = amount, ["reason"] = "damaged" });

    [Fact]
    public void Refund_at_the_auto_refund_maximum_is_allowed_at_L1()
    {
        var verdict = Refund(100m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(CheckStatus.Pass, verdict.Check("auto_refund_max").Status);
        Assert.Equal(100m, verdict.Check("auto_refund_max").Threshold);
    }

    [Fact]
    public void Refund_a_cent_above_the_auto_refund_maximum_needs_any_approver()
    {
        var verdict = Refund(100.01m);
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("auto_refund_max").Status);
    }

    [Fact]
    public void Refund_at_the_founder_threshold_needs_any_approver_not_the_founder() =>
        Refund(500m).NeedsApproval(RiskLevel.L2);

    [Fact]
    public void Refund_above_founder_threshold_needs_founder_approval()
    {
        var verdict = Refund(500.01m);
        verdict.NeedsApproval(RiskLevel.L3);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("founder_threshold").Status);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("auto_refund_max").Status);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("customer_refunds_24h").Status);
        Assert.Equal(3, verdict.Reasons.Count);
    }

    [Fact]
    public void Customer_refunds_in_the_trailing_24h_summing_to_exactly_100_are_allowed()
    {
        _scenario.Refunds.Add(new() { OrderId = "o_1", CustomerId = "c_1", Amount = 60m, At = Scenario.AsOf.AddHours(-23) });
        var verdict = Refund(40m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(100m, verdict.Check("customer_refunds_24h").Value);
    }

    [Fact]
    public void Customer_refunds_in_the_trailing_24h_above_100_need_any_approver()
    {
        _scenario.Refunds.Add(new() { OrderId = "o_1", CustomerId = "c_1", Amount = 60m, At = Scenario.AsOf.AddHours(-23) });
        var verdict = Refund(40.01m);
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("customer_refunds_24h").Status);
    }

    [Fact]
    public void Customer_refunds_older_than_24h_do_not_count()
    {
        _scenario.Refunds.Add(new() { OrderId = "o_1", CustomerId = "c_1", Amount = 90m, At = Scenario.AsOf.AddHours(-24).AddSeconds(-1) });
        Refund(50m).IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void Refund_above_what_is_left_on_the_order_is_denied()
    {
        _scenario.ReplaceOrder(o => o with { Total = 78m, RefundedAmount = 20m });
        Refund(58m).IsAllowed(RiskLevel.L1);
        Refund(58.01m).IsDenied("refund_within_remaining");
    }

    [Fact]
    public void Refund_of_zero_is_denied() => Refund(0m).IsDenied("refund_amount_positive");

    [Fact]
    public void Refund_of_an_unknown_order_is_denied() => Refund(10m, "o_missing").IsDenied("order_known");

    [Fact]
    public void Refund_amount_given_as_numeric_text_is_read_as_a_number() => Refund("600").NeedsApproval(RiskLevel.L3);

    [Fact]
    public void Refund_above_remaining_and_above_founder_threshold_is_denied_and_lists_both_rules()
    {
        _scenario.ReplaceOrder(o => o with { Total = 550m });
        var verdict = Refund(600m);
        verdict.IsDenied("refund_within_remaining");
        Assert.Equal(CheckStatus.Escalate, verdict.Check("founder_threshold").Status);
        Assert.Equal(RiskLevel.L3, verdict.RiskLevel);
        Assert.Equal(4, verdict.Reasons.Count);
    }

    [Fact]
    public void Refund_on_an_order_whose_billing_and_shipping_countries_differ_needs_any_approver()
    {
        _scenario.ReplaceOrder(o => o with { BillingCountry = "US", ShippingCountry = "AU" });
        var verdict = Refund(20m);
        verdict.NeedsApproval(RiskLevel.L2);
        var check = verdict.Check("refund_country_match");
        Assert.Equal(CheckStatus.Escalate, check.Status);
        Assert.Contains("billing_country=US shipping_country=AU", Assert.Single(check.Facts));
        Assert.Contains(verdict.Reasons, r => r.Contains("billing country US differs from its shipping country AU"));
    }

    [Fact]
    public void Refund_on_an_order_whose_countries_match_in_any_case_passes_the_country_check()
    {
        _scenario.ReplaceOrder(o => o with { BillingCountry = "au", ShippingCountry = "AU" });
        var verdict = Refund(20m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(CheckStatus.Pass, verdict.Check("refund_country_match").Status);
    }

    [Fact]
    public void Refund_country_check_is_not_applicable_when_a_country_is_missing_or_the_setting_is_off()
    {
        _scenario.ReplaceOrder(o => o with { BillingCountry = null, ShippingCountry = "AU" });
        Assert.Equal(CheckStatus.NotApplicable, Refund(20m).Check("refund_country_match").Status);

        _scenario.ReplaceOrder(o => o with { BillingCountry = "US", ShippingCountry = "AU" });
        _scenario.Policy = _scenario.Policy with { Refunds = _scenario.Policy.Refunds with { HoldOnCountryMismatch = false } };
        var verdict = Refund(20m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(CheckStatus.NotApplicable, verdict.Check("refund_country_match").Status);
    }
}
