using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Gateway;

public sealed class ToolGatewayTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private async Task<(GatewayHarness Harness, CountingExecutor Refunds)> CreateAsync()
    {
        await using (var clean = database.OwnerDataSource.CreateCommand("TRUNCATE gateway_executions, decision_log, approvals"))
            await clean.ExecuteNonQueryAsync();
        var refunds = new CountingExecutor("refund_order");
        var harness = await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [refunds]);
        return (harness, refunds);
    }

    private static ActionPacket Refund(decimal amount, string? key = null, string requestedBy = "agent:returns_refunds") =>
        ActionPacket.Create("refund_order", new { order_id = "o_1", amount, reason = "damaged" }) with { IdempotencyKey = key, RequestedBy = requestedBy };

    private Verdict SignedVerdict(GatewayHarness h, ActionPacket packet, ProofSigner? signer = null, Kernel.Policies.BusinessPolicy? policy = null) =>
        (signer ?? h.Signer).Sign(Verifier.Evaluate(policy ?? h.Policy, BusinessFacts.From(_scenario.Snapshot()), packet, h.Time.GetUtcNow()));

    [Fact]
    public async Task Forged_expired_tampered_and_other_policy_proofs_are_refused_with_no_side_effect()
    {
        var (h, refunds) = await CreateAsync();
        var packet = Refund(50);

        var forger = new ProofSigner(new byte[32], h.Time);
        var forged = await h.Gateway.ExecuteAsync(packet, SignedVerdict(h, packet, forger), null, default);
        Assert.Equal(GatewayStatus.Refused, forged.Status);
        Assert.Contains("signature", forged.Message);

        var verdict = SignedVerdict(h, packet);
        h.Time.Advance(TimeSpan.FromMinutes(11));
        var expired = await h.Gateway.ExecuteAsync(packet, verdict, null, default);
        h.Time.Advance(TimeSpan.FromMinutes(-11));
        Assert.Equal(GatewayStatus.Refused, expired.Status);
        Assert.Contains("expired", expired.Message);

        var tampered = await h.Gateway.ExecuteAsync(packet with { Parameters = Refund(5000).Parameters }, verdict, null, default);
        Assert.Equal(GatewayStatus.Refused, tampered.Status);
        Assert.Contains("other parameters", tampered.Message);

        var otherPolicy = h.Policy with { Version = new string('0', 64) };
        var stale = await h.Gateway.ExecuteAsync(packet, SignedVerdict(h, packet, policy: otherPolicy), null, default);
        Assert.Equal(GatewayStatus.Refused, stale.Status);
        Assert.Contains("another policy version", stale.Message);

        Assert.Equal(0, refunds.Runs);
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM gateway_executions"));
        Assert.Equal(4, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'ActionDenied' AND data->>'action_id' = $1", packet.ActionId));

        var valid = await h.Gateway.ExecuteAsync(packet, verdict, null, default);
        Assert.Equal(GatewayStatus.Executed, valid.Status);
        Assert.Equal(1, refunds.Runs);
    }

    [Fact]
    public async Task Fifty_concurrent_submits_of_one_idempotency_key_execute_exactly_once()
    {
        var (h, refunds) = await CreateAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => h.Pipeline.SubmitAsync(Refund(40, key: "refund-o_1-once")))));

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Executed, o.Status));
        Assert.Equal(1, refunds.Runs);
        Assert.Single(outcomes.Select(o => o.ConnectorReference).Distinct());
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM gateway_executions WHERE idempotency_key = 'refund-o_1-once'"));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'ActionExecuted' AND data->>'idempotency_key' = 'refund-o_1-once'"));
        Assert.Equal(50, await h.ScalarAsync("SELECT count(*) FROM decision_log WHERE action = 'refund_order'"));

        var retry = await h.Pipeline.SubmitAsync(Refund(40, key: "refund-o_1-once"));
        Assert.Equal(ActionStatus.Executed, retry.Status);
        Assert.Contains("not executed again", retry.Message);
        Assert.Equal(1, refunds.Runs);
    }

    [Fact]
    public async Task A_derived_key_makes_a_retried_packet_without_key_run_once_and_another_requester_run_again()
    {
        var (h, refunds) = await CreateAsync();
        await h.Pipeline.SubmitAsync(Refund(30));
        await h.Pipeline.SubmitAsync(Refund(30));
        Assert.Equal(1, refunds.Runs);
        await h.Pipeline.SubmitAsync(Refund(30, requestedBy: "agent:support_lead"));
        Assert.Equal(2, refunds.Runs);
    }

    [Fact]
    public async Task Unknown_action_is_denied_and_a_known_action_without_executor_fails_closed()
    {
        var (h, refunds) = await CreateAsync();
        var unknown = await h.Pipeline.SubmitAsync(ActionPacket.Create("launch_rockets", new { count = 1 }));
        Assert.Equal(ActionStatus.Denied, unknown.Status);
        Assert.Equal(Decision.Deny, unknown.Verdict.Decision);

        var noExecutor = await h.Pipeline.SubmitAsync(ActionPacket.Create("pause_ad_set", new { ad_set_id = "as_7" }));
        Assert.Equal(Decision.Allow, noExecutor.Verdict.Decision);
        Assert.Equal(ActionStatus.Denied, noExecutor.Status);
        Assert.Contains("no executor", noExecutor.Message);

        Assert.Equal(0, refunds.Runs);
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM gateway_executions"));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM decision_log WHERE action = 'launch_rockets' AND decision = 'deny'"));
    }

    [Fact]
    public async Task An_approval_for_one_amount_cannot_execute_another()
    {
        var (h, refunds) = await CreateAsync();
        var submitted = await h.Pipeline.SubmitAsync(Refund(150));
        Assert.Equal(ActionStatus.AwaitingApproval, submitted.Status);
        var approved = await h.Approvals.DecideAsync(submitted.ApprovalId!.Value, GatewayHarness.Approver, ApprovalVote.Approve, null, default);
        Assert.True(approved.Succeeded);

        var other = Refund(160) with { ActionId = submitted.Packet.ActionId };
        var result = await h.Gateway.ExecuteAsync(other, SignedVerdict(h, other), submitted.ApprovalId, default);
        Assert.Equal(GatewayStatus.Refused, result.Status);
        Assert.Contains("other arguments", result.Message);

        var withoutApproval = await h.Gateway.ExecuteAsync(submitted.Packet, SignedVerdict(h, submitted.Packet), null, default);
        Assert.Equal(GatewayStatus.Refused, withoutApproval.Status);
        Assert.Equal(0, refunds.Runs);
    }
}
