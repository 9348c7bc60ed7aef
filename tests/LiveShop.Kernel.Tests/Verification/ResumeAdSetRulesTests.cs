using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class ResumeAdSetRulesTests
{
    private readonly Scenario _scenario = new();

    private Verdict Resume(string adSetId = "as_7") =>
        _scenario.Verify("resume_ad_set", new Dictionary<string, object> { ["ad_set_id"] = adSetId });

    [Fact]
    public void A_paused_profitable_ad_set_that_fits_under_the_cap_resumes_at_L1()
    {
        _scenario.ReplaceAdSet(a => a with { Status = "paused" });
        var verdict = Resume();
        verdict.IsAllowed(RiskLevel.L1);
        Assert.Equal(CheckStatus.Pass, verdict.Check("daily_cap").Status);
        Assert.Equal(CheckStatus.Pass, verdict.Check("kill_switch").Status);
    }

    [Fact]
    public void Resuming_is_denied_when_its_budget_would_pass_the_daily_cap()
    {
        _scenario.ReplaceAdSet(a => a with { Status = "paused", DailyBudget = 4_900m });
        _scenario.AdSets.Add(new() { Id = "as_8", ProductId = "p_1", DailyBudget = 200m, Status = "active", Roas7d = 3m });
        var verdict = Resume();
        Assert.Equal(Decision.Deny, verdict.Decision);
        Assert.Equal(5_100m, verdict.Check("daily_cap").Value);
    }

    [Fact]
    public void Resuming_an_ad_set_below_the_kill_switch_needs_an_approver()
    {
        _scenario.ReplaceAdSet(a => a with { Status = "paused", Roas7d = 0.6m });
        var verdict = Resume();
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("kill_switch").Status);
    }

    [Fact]
    public void An_active_or_unknown_ad_set_cannot_be_resumed()
    {
        Assert.Equal(Decision.Deny, Resume().Decision);
        Assert.Equal(CheckStatus.Fail, Resume().Check("ad_set_paused").Status);
        Assert.Equal(Decision.Deny, Resume("as_404").Decision);
    }
}
