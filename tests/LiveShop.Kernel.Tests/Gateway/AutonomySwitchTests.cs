using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Gateway;

/// <summary>The kill switch: while autonomy is off automation only proposes; agents and people are unaffected.</summary>
public sealed class AutonomySwitchTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private async Task<(GatewayHarness Harness, CountingExecutor Refunds)> CreateAsync()
    {
        await using (var clean = database.OwnerDataSource.CreateCommand(
            "TRUNCATE gateway_executions, decision_log, approvals; UPDATE autonomy_state SET autonomy_on = true, version = 0, changed_by = NULL, changed_at = NULL"))
            await clean.ExecuteNonQueryAsync();
        var refunds = new CountingExecutor("refund_order");
        return (await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [refunds]), refunds);
    }

    // A different amount each time, so no request is a retry of an earlier one under the same idempotency key.
    private static ActionPacket Refund(string requestedBy, decimal amount) =>
        ActionPacket.Create("refund_order", new { order_id = "o_1", amount, reason = "damaged" }) with { RequestedBy = requestedBy, Agent = "returns_refunds" };

    [Fact]
    public async Task With_autonomy_off_an_allowed_automation_request_waits_for_the_founder_and_agents_are_unchanged()
    {
        var (h, refunds) = await CreateAsync();
        Assert.True((await h.Autonomy.SetAsync(false, GatewayHarness.Founder)).Changed);

        var automated = await h.Pipeline.SubmitAsync(Refund("automation:refund_reaction", 40));
        Assert.Equal(ActionStatus.AwaitingApproval, automated.Status);
        Assert.Equal(Decision.RequireApproval, automated.Verdict.Decision);
        Assert.Equal(RiskLevel.L3, automated.Verdict.RiskLevel);
        Assert.Contains(automated.Verdict.Proof.InvariantChecks, c => c.Id == "autonomy_off" && c.Status == CheckStatus.Escalate);
        Assert.Equal(0, refunds.Runs);

        var byAgent = await h.Pipeline.SubmitAsync(Refund("agent:returns_refunds", 30));
        Assert.Equal(ActionStatus.Executed, byAgent.Status);
        Assert.DoesNotContain(byAgent.Verdict.Proof.InvariantChecks, c => c.Id == "autonomy_off");
        Assert.Equal(1, refunds.Runs);

        // A person's own request is decided as before too.
        var byPerson = await h.Pipeline.SubmitAsync(Refund(GatewayHarness.Founder, 35) with { Agent = null });
        Assert.Equal(ActionStatus.Executed, byPerson.Status);
        Assert.DoesNotContain(byPerson.Verdict.Proof.InvariantChecks, c => c.Id == "autonomy_off");
        Assert.Equal(2, refunds.Runs);

        // A non-founder approver cannot release it; the founder can, and it runs once.
        var byApprover = await h.Pipeline.ApproveAndExecuteAsync(automated.ApprovalId!.Value, GatewayHarness.Approver, "ok", default);
        Assert.False(byApprover.Decision.Succeeded);
        Assert.Equal(2, refunds.Runs);
        var byFounder = await h.Pipeline.ApproveAndExecuteAsync(automated.ApprovalId!.Value, GatewayHarness.Founder, "ok", default);
        Assert.Equal(ActionStatus.Executed, byFounder.Outcome?.Status);
        Assert.Equal(3, refunds.Runs);

        Assert.True((await h.Autonomy.SetAsync(true, GatewayHarness.Founder)).Changed);
        var resumed = await h.Pipeline.SubmitAsync(Refund("automation:refund_reaction", 20));
        Assert.Equal(ActionStatus.Executed, resumed.Status);
        Assert.Contains(resumed.Verdict.Proof.InvariantChecks, c => c.Id == "autonomy_off" && c.Status == CheckStatus.Pass);
        Assert.Equal(4, refunds.Runs);
    }

    [Fact]
    public async Task Only_an_enabled_founder_changes_the_switch_and_every_change_is_audited_once()
    {
        var (h, _) = await CreateAsync();
        var before = await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'AutonomyChanged'");

        foreach (var who in new[] { GatewayHarness.Approver, GatewayHarness.Developer, GatewayHarness.Disabled, "nobody@test.local" })
        {
            var refused = await h.Autonomy.SetAsync(false, who);
            Assert.False(refused.Succeeded);
            Assert.Contains("only the founder", refused.Message);
        }
        Assert.True(await h.Autonomy.IsOnAsync());

        var off = await h.Autonomy.SetAsync(false, GatewayHarness.Founder);
        Assert.True(off is { Succeeded: true, Changed: true });
        var again = await h.Autonomy.SetAsync(false, GatewayHarness.Founder);
        Assert.True(again is { Succeeded: true, Changed: false });
        var status = await h.Autonomy.GetAsync();
        Assert.False(status.On);
        Assert.Equal(GatewayHarness.Founder, status.ChangedBy);

        Assert.Equal(before + 1, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'AutonomyChanged'"));
        Assert.Equal(1, await h.ScalarAsync(
            """
            SELECT count(*) FROM (SELECT data FROM business_events WHERE type = 'AutonomyChanged' ORDER BY sequence DESC LIMIT 1) last
            WHERE last.data->>'changed_by' = $1 AND (last.data->>'on')::boolean = false AND (last.data->>'previous')::boolean = true
            """, GatewayHarness.Founder));
    }
}
