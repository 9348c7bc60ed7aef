using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Gateway;

/// <summary>The role check at the top of the pipeline: refused before the verifier, nothing filed, an ActionDenied at stage role.</summary>
public sealed class RequestAuthorityTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private async Task<GatewayHarness> CreateAsync()
    {
        await using (var reset = database.OwnerDataSource.CreateCommand("TRUNCATE gateway_executions, decision_log, approvals"))
            await reset.ExecuteNonQueryAsync();
        return await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [new CountingExecutor("scale_ad_set"), new CountingExecutor("refund_order")]);
    }

    // 500 → 1690 is the 238 % increase support once filed an approval request for.
    private static ActionPacket ScaleUp(string requestedBy, string? onBehalfOf = null) =>
        ActionPacket.Create("scale_ad_set", new { ad_set_id = "as_7", new_daily_budget = 1690 }) with { RequestedBy = requestedBy, OnBehalfOf = onBehalfOf, Agent = "ads_optimizer" };

    private async Task AssertRefusedByRoleAsync(GatewayHarness h, ActionOutcome outcome, string role)
    {
        Assert.Equal(ActionStatus.Denied, outcome.Status);
        Assert.Null(outcome.ApprovalId);
        var reason = Assert.Single(outcome.Verdict.Reasons);
        Assert.Contains($"the {role} role may not request {outcome.Packet.ProposedAction}", reason);
        Assert.Equal("role", outcome.Verdict.Proof.StateVersion);
        Assert.Equal(RequestAuthority.CheckId, Assert.Single(outcome.Verdict.Proof.InvariantChecks).Id);
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM approvals WHERE action_id = $1", outcome.Packet.ActionId));
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM gateway_executions WHERE action_id = $1", outcome.Packet.ActionId));
        Assert.Equal(1, await h.ScalarAsync(
            "SELECT count(*) FROM business_events WHERE type = 'ActionDenied' AND data->>'action_id' = $1 AND data->>'stage' = 'role'", outcome.Packet.ActionId));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM decision_log WHERE action_id = $1 AND decision = 'deny'", outcome.Packet.ActionId));
    }

    [Fact]
    public async Task Support_asking_for_a_238_percent_ad_budget_increase_is_refused_before_the_verifier_and_files_no_approval()
    {
        var h = await CreateAsync();
        await AssertRefusedByRoleAsync(h, await h.Pipeline.SubmitAsync(ScaleUp(GatewayHarness.Support)), "support");
    }

    [Fact]
    public async Task An_agent_acting_for_support_is_bounded_by_supports_role()
    {
        var h = await CreateAsync();
        await AssertRefusedByRoleAsync(h, await h.Pipeline.SubmitAsync(ScaleUp("agent:ads_optimizer", GatewayHarness.Support)), "support");
        await AssertRefusedByRoleAsync(h, await h.Pipeline.SubmitAsync(ScaleUp("agent:ads_optimizer"), GatewayHarness.Support, default), "support");
    }

    [Fact]
    public async Task An_approver_asking_for_the_same_increase_reaches_the_verifier_and_waits_for_approval()
    {
        var h = await CreateAsync();
        var outcome = await h.Pipeline.SubmitAsync(ScaleUp(GatewayHarness.Approver));
        Assert.Equal(ActionStatus.AwaitingApproval, outcome.Status);
        Assert.Contains(outcome.Verdict.Proof.InvariantChecks, c => c.Id == "budget_step_current");
    }

    [Fact]
    public async Task Support_may_still_request_a_refund_and_the_verifier_decides_it()
    {
        var h = await CreateAsync();
        var packet = ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 20, reason = "damaged" }) with { RequestedBy = "user:" + GatewayHarness.Support };
        var outcome = await h.Pipeline.SubmitAsync(packet);
        Assert.Equal(ActionStatus.Executed, outcome.Status);
        Assert.Contains(outcome.Verdict.Proof.InvariantChecks, c => c.Id == "auto_refund_max");
    }

    [Fact]
    public async Task Unknown_and_disabled_people_may_request_nothing()
    {
        var h = await CreateAsync();
        var unknown = await h.Pipeline.SubmitAsync(ScaleUp("nobody@test.local"));
        Assert.Equal(ActionStatus.Denied, unknown.Status);
        Assert.Contains("not a known user", Assert.Single(unknown.Verdict.Reasons));
        var disabled = await h.Pipeline.SubmitAsync(ScaleUp("agent:ads_optimizer", GatewayHarness.Disabled));
        Assert.Equal(ActionStatus.Denied, disabled.Status);
        Assert.Contains("disabled", Assert.Single(disabled.Verdict.Reasons));
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM approvals"));
    }

    [Fact]
    public async Task A_machine_requester_with_no_person_behind_it_goes_on_to_the_verifier()
    {
        var h = await CreateAsync();
        var outcome = await h.Pipeline.SubmitAsync(ScaleUp("automation:budget_pacing"));
        Assert.Equal(ActionStatus.AwaitingApproval, outcome.Status);
    }

    [Fact]
    public async Task The_roles_in_force_decide_so_a_policy_change_can_grant_a_role_more()
    {
        var policy = PolicyLoader.LoadDefault();
        var roles = policy.Roles.ByRole.ToDictionary(r => r.Key, r => r.Value);
        roles["support"] = roles["support"] with { Request = [.. roles["support"].Request, "scale_ad_set"] };
        var widened = policy with { Roles = policy.Roles with { ByRole = roles } };
        await using (var reset = database.OwnerDataSource.CreateCommand("TRUNCATE gateway_executions, decision_log, approvals"))
            await reset.ExecuteNonQueryAsync();
        var h = await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [new CountingExecutor("scale_ad_set")], widened);
        Assert.Equal(ActionStatus.AwaitingApproval, (await h.Pipeline.SubmitAsync(ScaleUp(GatewayHarness.Support))).Status);
    }
}
