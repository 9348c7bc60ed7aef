using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class PriceAndReorderRulesTests
{
    private readonly Scenario _scenario = new();

    private Verdict ChangePrice(decimal price) => _scenario.Verify("change_price", new { product_id = "p_1", new_price = price });

    private Verdict Reorder(int quantity, decimal? unitCost = null) => unitCost is { } cost
        ? _scenario.Verify("reorder_stock", new { product_id = "p_1", quantity, unit_cost = cost })
        : _scenario.Verify("reorder_stock", new { product_id = "p_1", quantity });

    [Fact]
    public void Price_change_of_exactly_10_percent_is_allowed_at_L1()
    {
        ChangePrice(110m).IsAllowed(RiskLevel.L1);
        ChangePrice(90m).IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void Price_change_above_10_percent_needs_any_approver()
    {
        var verdict = ChangePrice(110.01m);
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("price_step_current").Status);
        ChangePrice(89.99m).NeedsApproval(RiskLevel.L2);
    }

    [Fact]
    public void Price_change_above_10_percent_from_the_price_in_force_7_days_ago_needs_any_approver()
    {
        _scenario.PriceChanges.Add(new PriceChangeFact { ProductId = "p_1", From = 92m, To = 100m, At = Scenario.AsOf.AddDays(-3) });
        var verdict = ChangePrice(105m);
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Pass, verdict.Check("price_step_current").Status);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("price_step_7d").Status);
    }

    [Fact]
    public void Price_at_or_below_unit_cost_plus_shipping_is_denied()
    {
        _scenario.ReplaceProduct(p => p with { UnitCost = 90m, ShippingCost = 5m });
        ChangePrice(95m).IsDenied("price_above_cost");
        ChangePrice(95.01m).IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void Price_change_of_an_unknown_product_is_denied() =>
        _scenario.Verify("change_price", new { product_id = "p_missing", new_price = 10m }).IsDenied("product_known");

    [Fact]
    public void Reorder_leaving_a_runway_of_exactly_30_days_is_allowed()
    {
        // (100000 − 70000) / 1000 = 30 days
        var verdict = Reorder(1_000, 70m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(30m, verdict.Check("cash_runway").Value);
    }

    [Fact]
    public void Reorder_leaving_less_than_30_days_of_runway_is_denied() => Reorder(1_000, 70.01m).IsDenied("cash_runway");

    [Fact]
    public void Reorder_without_a_unit_cost_uses_the_product_unit_cost()
    {
        // 2334 × 30 = 70020 → runway 29.98 days
        Reorder(2_334).IsDenied("cash_runway");
        Reorder(2_333).IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void Reorder_is_unbounded_when_the_business_does_not_burn_cash()
    {
        _scenario.Finance = new FinanceFacts { CashBalance = 100_000m, AvgDailyNetBurn = 0m };
        Reorder(3_000).IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void Reorder_of_zero_units_is_denied() => Reorder(0).IsDenied("quantity_positive");
}
