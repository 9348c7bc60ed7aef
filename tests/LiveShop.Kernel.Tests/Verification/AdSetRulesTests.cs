using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class AdSetRulesTests
{
    private readonly Scenario _scenario = new();

    private Verdict Scale(object budget, string adSetId = "as_7") =>
        _scenario.Verify("scale_ad_set", new Dictionary<string, object> { ["ad_set_id"] = adSetId, ["new_daily_budget"] = budget });

    [Fact]
    public void Scaling_by_exactly_20_percent_is_allowed_at_L1()
    {
        var verdict = Scale(600m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(20m, verdict.Check("budget_step_current").Value);
        Assert.Equal(CheckStatus.Pass, verdict.Check("margin_floor").Status);
        Assert.Contains("ad_set as_7 daily_budget=500 roas_7d=4 status=active", verdict.Check("kill_switch").Facts);
    }

    [Fact]
    public void Scaling_by_20_01_percent_needs_any_approver()
    {
        var verdict = Scale(600.05m);
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("budget_step_current").Status);
        Assert.Equal(20.01m, verdict.Check("budget_step_current").Value);
    }

    [Fact]
    public void Scaling_more_than_20_percent_over_the_budget_in_force_7_days_ago_needs_any_approver()
    {
        _scenario.BudgetChanges.Add(new() { AdSetId = "as_7", From = 400m, To = 450m, At = Scenario.AsOf.AddDays(-6) });
        _scenario.BudgetChanges.Add(new() { AdSetId = "as_7", From = 450m, To = 500m, At = Scenario.AsOf.AddDays(-1) });
        var verdict = Scale(590m);
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Pass, verdict.Check("budget_step_current").Status);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("budget_step_7d").Status);
        Assert.Equal(47.5m, verdict.Check("budget_step_7d").Value);
    }

    [Fact]
    public void Budget_changes_older_than_7_days_do_not_set_the_baseline()
    {
        _scenario.BudgetChanges.Add(new() { AdSetId = "as_7", From = 100m, To = 500m, At = Scenario.AsOf.AddDays(-7).AddMinutes(-1) });
        Scale(600m).IsAllowed(RiskLevel.L1);
    }

    [Fact]
    public void A_budget_cut_is_allowed_even_under_the_kill_switch()
    {
        _scenario.ReplaceAdSet(a => a with { Roas7d = 0.5m });
        var verdict = Scale(100m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(CheckStatus.NotApplicable, verdict.Check("kill_switch").Status);
    }

    [Fact]
    public void Increase_with_roas_0_99_is_denied_by_the_kill_switch()
    {
        // A projected ROAS keeps the margin healthy so only the kill switch fires.
        _scenario.ReplaceAdSet(a => a with { Roas7d = 0.99m, ProjectedRoas = 4m });
        Scale(510m).IsDenied("kill_switch");
    }

    [Fact]
    public void Increase_with_roas_exactly_1_passes_the_kill_switch()
    {
        _scenario.ReplaceAdSet(a => a with { Roas7d = 1.0m, ProjectedRoas = 4m });
        var verdict = Scale(510m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(CheckStatus.Pass, verdict.Check("kill_switch").Status);
    }

    [Fact]
    public void Projected_margin_of_exactly_15_percent_passes_the_floor()
    {
        // 100 × (100 − 30 − 5 − 5 − 100/2) / 100 = 10; fees 0 → 15.
        _scenario.ReplaceProduct(p => p with { FeesPct = 0m });
        _scenario.ReplaceAdSet(a => a with { ProjectedRoas = 2m });
        var verdict = Scale(510m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(15m, verdict.Check("margin_floor").Value);
        Assert.Contains("roas used=2 (projected_roas)", verdict.Check("margin_floor").Facts);
    }

    [Fact]
    public void Projected_margin_below_15_percent_denies_an_increase()
    {
        _scenario.ReplaceProduct(p => p with { FeesPct = 0.01m });
        _scenario.ReplaceAdSet(a => a with { ProjectedRoas = 2m });
        var verdict = Scale(510m);
        verdict.IsDenied("margin_floor");
        Assert.Equal(14.99m, verdict.Check("margin_floor").Value);
    }

    [Fact]
    public void Margin_uses_roas_7d_when_no_projection_is_given()
    {
        _scenario.ReplaceAdSet(a => a with { Roas7d = 1.5m });
        // 100 × (100 − 30 − 5 − 5 − 66.67) / 100 < 0
        Scale(510m).IsDenied("margin_floor");
    }

    [Fact]
    public void Daily_cap_of_exactly_5000_after_the_change_is_allowed()
    {
        _scenario.AdSets.Add(new() { Id = "as_8", ProductId = "p_1", DailyBudget = 4_400m, Roas7d = 4m, Status = "active" });
        _scenario.AdSets.Add(new() { Id = "as_9", ProductId = "p_1", DailyBudget = 9_000m, Roas7d = 4m, Status = "paused" });
        var verdict = Scale(600m);
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(5_000m, verdict.Check("daily_cap").Value);
    }

    [Fact]
    public void Daily_cap_exceeded_by_a_cent_denies_the_increase()
    {
        _scenario.AdSets.Add(new() { Id = "as_8", ProductId = "p_1", DailyBudget = 4_400.01m, Roas7d = 4m, Status = "active" });
        Scale(600m).IsDenied("daily_cap");
    }

    [Fact]
    public void Scaling_an_unknown_ad_set_is_denied() => Scale(600m, "as_missing").IsDenied("ad_set_known");

    [Fact]
    public void Scaling_to_a_zero_budget_is_denied() => Scale(0m).IsDenied("budget_positive");

    [Fact]
    public void Several_failing_rules_deny_and_all_appear_in_reasons_and_checks()
    {
        _scenario.ReplaceAdSet(a => a with { Roas7d = 0.5m });
        _scenario.AdSets.Add(new() { Id = "as_8", ProductId = "p_1", DailyBudget = 4_800m, Roas7d = 4m, Status = "active" });
        var verdict = Scale(1_000m);
        verdict.IsDenied("kill_switch");
        Assert.Equal(CheckStatus.Fail, verdict.Check("margin_floor").Status);
        Assert.Equal(CheckStatus.Fail, verdict.Check("daily_cap").Status);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("budget_step_current").Status);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("budget_step_7d").Status);
        Assert.Equal(5, verdict.Reasons.Count);
        Assert.Equal(RiskLevel.L2, verdict.RiskLevel);
    }

    [Fact]
    public void Pausing_an_ad_set_is_allowed_at_L1() =>
        _scenario.Verify("pause_ad_set", new { ad_set_id = "as_7" }).IsAllowed(RiskLevel.L1);
}
