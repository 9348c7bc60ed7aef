using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class FixedRiskAndListingRulesTests
{
    private readonly Scenario _scenario = new();

    [Theory]
    [InlineData("draft_copy")]
    [InlineData("generate_report")]
    [InlineData("analyze_data")]
    [InlineData("create_recommendation")]
    public void Read_only_actions_are_allowed_at_L0(string action) => _scenario.Verify(action, new { }).IsAllowed(RiskLevel.L0);

    [Fact]
    public void Remembering_a_conclusion_is_allowed_at_L0() =>
        _scenario.Verify("remember", new { content = "Serum ads fail below ROAS 1.2", scope = "product", scope_key = "p_1" }).IsAllowed(RiskLevel.L0);

    [Fact]
    public void Remembering_without_content_is_denied() =>
        _scenario.Verify("remember", new { scope = "business" }).IsDenied("parameters_valid");

    [Fact]
    public void Responding_to_a_ticket_is_allowed_at_L1() =>
        _scenario.Verify("respond_ticket", new { ticket_id = "t_1", message = "Sorry, a replacement is on its way." }).IsAllowed(RiskLevel.L1);

    [Fact]
    public void Paying_a_supplier_always_needs_any_approver()
    {
        var verdict = _scenario.Verify("pay_supplier", new { supplier_id = "s_1", amount = 1m });
        verdict.NeedsApproval(RiskLevel.L2);
        Assert.Equal(CheckStatus.Escalate, verdict.Check("risk_class").Status);
    }

    [Theory]
    [InlineData("pay_creator")]
    [InlineData("change_policy")]
    [InlineData("modify_account_access")]
    public void Founder_only_actions_always_need_the_founder(string action) =>
        _scenario.Verify(action, new { creator_id = "cr_1", amount = 10m }).NeedsApproval(RiskLevel.L3);

    [Fact]
    public void Connecting_or_disconnecting_an_integration_needs_the_founder()
    {
        _scenario.Verify("connect_integration", new { integration_id = "stripe" }).NeedsApproval(RiskLevel.L3);
        _scenario.Verify("connect_integration", new { integration_id = "stripe", disconnect = true }).NeedsApproval(RiskLevel.L3);
        _scenario.Verify("connect_integration", new { integration_id = "stripe", disconnect = "true" }).NeedsApproval(RiskLevel.L3);
    }

    [Fact]
    public void Connecting_without_an_integration_id_or_with_a_non_flag_disconnect_is_denied()
    {
        _scenario.Verify("connect_integration", new { }).IsDenied("parameters_valid");
        _scenario.Verify("connect_integration", new { integration_id = "stripe", disconnect = "maybe" }).IsDenied("parameters_valid");
    }

    [Fact]
    public void Unknown_action_is_denied_fail_closed()
    {
        var verdict = _scenario.Verify("wire_money_offshore", new { amount = 10m });
        verdict.IsDenied("known_action");
        Assert.Contains("wire_money_offshore", verdict.Reasons[0]);
    }

    [Fact]
    public void Known_action_with_a_missing_parameter_built_in_code_is_denied() =>
        _scenario.Verify("refund_order", new { order_id = "o_1" }).IsDenied("parameters_valid");

    [Fact]
    public void Listing_with_a_disguised_banned_claim_is_denied()
    {
        var verdict = _scenario.Verify("publish_listing", new
        {
            product_id = "p_1", channel = "shop", title = "Glow serum", description = "Our serum c.u.r.e.s acne and is r1sk-fr3e!",
        });
        verdict.IsDenied("banned_claims");
        Assert.Equal(2, verdict.Reasons.Count);
        Assert.Contains(verdict.Check("banned_claims").Facts, f => f.Contains("'cures'") && f.Contains("\"c.u.r.e.s\""));
    }

    [Fact]
    public void Clean_listing_is_allowed_at_L1() =>
        _scenario.Verify("publish_listing", new
        {
            product_id = "p_1", channel = "shop", title = "Glow serum", description = "Treat yourself to a securely sealed, pure serum.",
        }).IsAllowed(RiskLevel.L1);

    [Fact]
    public void Evidence_is_recorded_but_never_changes_the_verdict()
    {
        var facts = LiveShop.Kernel.Verification.Facts.BusinessFacts.From(_scenario.Snapshot());
        var plain = ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 600m, reason = "x" }, "a_1");
        var claimed = plain with { Evidence = System.Text.Json.JsonDocument.Parse("""{"founder_approved": true, "roas": 99}""").RootElement };
        var first = Verifier.Evaluate(_scenario.Policy, facts, plain, Scenario.AsOf);
        var second = Verifier.Evaluate(_scenario.Policy, facts, claimed, Scenario.AsOf);
        Assert.Equal(
            LiveShop.Memory.Serialization.CanonicalJson.Serialize(first),
            LiveShop.Memory.Serialization.CanonicalJson.Serialize(second));
    }
}
