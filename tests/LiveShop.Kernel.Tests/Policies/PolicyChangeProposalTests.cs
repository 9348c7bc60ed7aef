using System.Text.Json;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;

namespace LiveShop.Kernel.Tests.Policies;

public sealed class PolicyChangeProposalTests
{
    private static readonly BusinessPolicy Default = PolicyLoader.LoadDefault();

    private static Verdict Verify(object parameters) =>
        Verifier.Evaluate(Default, BusinessFacts.From(new Scenario().Snapshot()), ActionPacket.Create("change_policy", parameters), Scenario.AsOf);

    [Fact]
    public void The_default_policy_written_as_a_document_loads_back_to_the_same_version()
    {
        var yaml = PolicyDocument.ToYaml(Default);
        Assert.Equal(Default.Version, PolicyLoader.Parse(yaml, "doc").Version);
    }

    [Fact]
    public void A_valid_dotted_change_needs_the_founder_and_lists_the_change()
    {
        var verdict = Verify(new { changes = new Dictionary<string, object> { ["refunds.auto_refund_max"] = 150 }, reason = "more autonomy" });

        Assert.Equal(Decision.RequireApproval, verdict.Decision);
        Assert.Equal(RiskLevel.L3, verdict.RiskLevel);
        Assert.Equal(Approver.Founder, verdict.Approver);
        var check = Assert.Single(verdict.Proof.InvariantChecks, c => c.Id == "policy_loads");
        Assert.Equal(CheckStatus.Pass, check.Status);
        Assert.Contains(check.Facts, f => f == "refunds.auto_refund_max: 100 → 150");
    }

    [Fact]
    public void Changes_apply_to_the_policy_in_force_and_yield_a_new_version()
    {
        var proposed = PolicyChangeProposal.Apply(Default, Json(new
        {
            changes = new Dictionary<string, object>
            {
                ["refunds.auto_refund_max"] = "150", ["fraud.hold_on_country_mismatch"] = false, ["listings.banned_claims"] = new[] { "cure", "miracle" },
            },
        }));

        Assert.Null(proposed.Error);
        Assert.Equal(150m, proposed.Policy!.Refunds.AutoRefundMax);
        Assert.False(proposed.Policy.Fraud.HoldOnCountryMismatch);
        Assert.Equal(["cure", "miracle"], proposed.Policy.Listings.BannedClaims);
        Assert.Equal(Default.Refunds.FounderThreshold, proposed.Policy.Refunds.FounderThreshold);
        Assert.NotEqual(Default.Version, proposed.Policy.Version);
        Assert.Equal(["fraud.hold_on_country_mismatch", "listings.banned_claims", "refunds.auto_refund_max"], proposed.Changes.Select(c => c.Path).Order());
    }

    [Theory]
    [InlineData("refunds.auto_refund_maximum", 150, "unknown policy setting 'refunds.auto_refund_maximum'")]
    [InlineData("refundz.auto_refund_max", 150, "unknown policy setting 'refundz.auto_refund_max' (known sections:")]
    [InlineData("auto_refund_max", 150, "unknown policy setting 'auto_refund_max'")]
    [InlineData("refunds.auto_refund_max", "lots", "'refunds.auto_refund_max' must be a number, not \"lots\"")]
    [InlineData("fraud.hold_on_country_mismatch", 1, "'fraud.hold_on_country_mismatch' must be true or false")]
    [InlineData("refunds.auto_refund_max", -5, "'refunds.auto_refund_max' must not be negative")]
    [InlineData("ads.budget_lookback_days", 7.5, "'ads.budget_lookback_days' must be a whole number")]
    public void An_unknown_path_or_a_wrong_value_is_denied_naming_the_setting(string path, object value, string expected)
    {
        var verdict = Verify(new { changes = new Dictionary<string, object> { [path] = value } });

        Assert.Equal(Decision.Deny, verdict.Decision);
        Assert.Contains(expected, Refusal(verdict));
    }

    [Fact]
    public void Neither_or_both_shapes_an_empty_change_and_a_no_op_are_denied()
    {
        Assert.Contains("exactly one of them", Refusal(Verify(new { reason = "nothing" })));
        Assert.Contains("exactly one of them", Refusal(Verify(new { changes = new { }, policy_yaml = "x: 1" })));
        Assert.Contains("'changes' is empty", Refusal(Verify(new { changes = new { } })));
        Assert.Contains("nothing would change", Refusal(Verify(new { changes = new Dictionary<string, object> { ["refunds.auto_refund_max"] = 100 } })));
        var notAnObject = Verify(new { changes = "refunds.auto_refund_max=150" });
        Assert.Equal(Decision.Deny, notAnObject.Decision);
        Assert.Contains("parameter 'changes' of change_policy has the wrong type", notAnObject.Reasons);
    }

    [Fact]
    public void Changes_given_as_json_text_like_a_tool_call_passes_them_are_applied()
    {
        var verdict = Verify(new { changes = "{\"ads.daily_cap\": 6000}" });
        Assert.Equal(Decision.RequireApproval, verdict.Decision);
    }

    [Fact]
    public void A_whole_document_must_load_and_a_malformed_one_is_refused_naming_its_line()
    {
        var good = PolicyDocument.ToYaml(Default).Replace("daily_cap: 5000", "daily_cap: 7000");
        Assert.Equal(Decision.RequireApproval, Verify(new { policy_yaml = good }).Decision);

        var broken = Verify(new { policy_yaml = good.Replace("daily_cap: 7000", "daily_cap: 7000\n  daily_kap: 1") });
        Assert.Equal(Decision.Deny, broken.Decision);
        Assert.Matches(@"policy_yaml:\d+: invalid policy: unknown setting 'ads.daily_kap'", Refusal(broken));

        Assert.Contains("invalid policy YAML", Refusal(Verify(new { policy_yaml = "refunds: [" })));
    }

    private static string Refusal(Verdict verdict)
    {
        Assert.Equal(Decision.Deny, verdict.Decision);
        return Assert.Single(verdict.Reasons, r => r.StartsWith("the policy change is refused: ", StringComparison.Ordinal));
    }

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
