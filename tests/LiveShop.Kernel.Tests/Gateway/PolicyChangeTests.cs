using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Gateway;

public sealed class PolicyChangeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private async Task<(GatewayHarness Harness, PolicyInForce Policies, CountingExecutor Refunds, ChangePolicyExecutor Changes)> CreateAsync()
    {
        await using (var clean = database.OwnerDataSource.CreateCommand("TRUNCATE gateway_executions, decision_log, approvals, policy_versions"))
            await clean.ExecuteNonQueryAsync();
        var policies = new PolicyInForce(PolicyLoader.LoadDefault(), new AdoptedPolicies(database.DataSource));
        var changes = new ChangePolicyExecutor(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), policies, TimeProvider.System);
        var refunds = new CountingExecutor("refund_order");
        var harness = await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [refunds, changes], policies: policies);
        return (harness, policies, refunds, changes);
    }

    private static ActionPacket Refund(decimal amount) =>
        ActionPacket.Create("refund_order", new { order_id = "o_1", amount, reason = "damaged" }) with { RequestedBy = "agent:returns_refunds" };

    private static ActionPacket RaiseRefundLimits(decimal limit) =>
        ActionPacket.Create("change_policy", new
        {
            changes = new Dictionary<string, decimal> { ["refunds.auto_refund_max"] = limit, ["refunds.customer_trailing_24h_max"] = limit },
            reason = "fewer approvals for small refunds",
        }) with { RequestedBy = "agent:ceo", Agent = "ceo" };

    [Fact]
    public async Task An_approved_change_is_in_force_at_once_and_an_approved_proof_under_the_old_version_fails_closed()
    {
        var (h, policies, refunds, _) = await CreateAsync();
        var initial = policies.Current.Version;
        var pending = await h.Pipeline.SubmitAsync(Refund(150));
        Assert.Equal(ActionStatus.AwaitingApproval, pending.Status);
        Assert.True((await h.Approvals.DecideAsync(pending.ApprovalId!.Value, GatewayHarness.Approver, ApprovalVote.Approve, null, default)).Succeeded);

        var change = await h.Pipeline.SubmitAsync(RaiseRefundLimits(200));
        Assert.Equal(ActionStatus.AwaitingApproval, change.Status);
        Assert.Equal(RiskLevel.L3, change.Verdict.RiskLevel);
        var refusedByApprover = await h.Pipeline.ApproveAndExecuteAsync(change.ApprovalId!.Value, GatewayHarness.Approver, null, default);
        Assert.False(refusedByApprover.Decision.Succeeded);
        var adopted = await h.Pipeline.ApproveAndExecuteAsync(change.ApprovalId!.Value, GatewayHarness.Founder, "ok", default);
        Assert.Equal(ActionStatus.Executed, adopted.Outcome!.Status);

        Assert.Equal(200m, policies.Current.Refunds.AutoRefundMax);
        Assert.NotEqual(initial, policies.Current.Version);
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM policy_versions WHERE version = $1 AND previous_version = $2", policies.Current.Version, initial));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'PolicyChanged' AND data->>'action_id' = $1", change.Packet.ActionId));

        var stale = await h.Gateway.ExecuteAsync(pending.Packet, pending.Verdict, pending.ApprovalId, default);
        Assert.Equal(GatewayStatus.Refused, stale.Status);
        Assert.Contains("another policy version", stale.Message);
        Assert.Equal(0, refunds.Runs);

        var now = await h.Pipeline.SubmitAsync(Refund(150));
        Assert.Equal(ActionStatus.Executed, now.Status);
        Assert.Equal(policies.Current.Version, now.Verdict.Proof.PolicyVersion);
        Assert.Equal(1, refunds.Runs);

        // Another host (or a restart) reads the same policy in force from the database.
        var restarted = new PolicyInForce(PolicyLoader.LoadDefault(), new AdoptedPolicies(database.DataSource));
        await restarted.RefreshAsync(default);
        Assert.Equal(policies.Current.Version, restarted.Current.Version);
    }

    [Fact]
    public async Task Undo_changes_the_same_settings_back_and_history_lists_both_adoptions()
    {
        var (h, policies, _, _) = await CreateAsync();
        var initial = policies.Current.Version;
        var change = await h.Pipeline.SubmitAsync(RaiseRefundLimits(300));
        Assert.Equal(ActionStatus.Executed, (await h.Pipeline.ApproveAndExecuteAsync(change.ApprovalId!.Value, GatewayHarness.Founder, null, default)).Outcome!.Status);

        var undo = await h.Pipeline.UndoAsync(change.Packet.ActionId, GatewayHarness.Founder, default);
        Assert.Equal(ActionStatus.AwaitingApproval, undo.Outcome!.Status);
        Assert.Equal("change_policy", undo.Outcome.Packet.ProposedAction);
        var undone = await h.Pipeline.ApproveAndExecuteAsync(undo.Outcome.ApprovalId!.Value, GatewayHarness.Founder, null, default);
        Assert.Equal(ActionStatus.Executed, undone.Outcome!.Status);

        Assert.Equal(initial, policies.Current.Version);
        var restarted = new PolicyInForce(PolicyLoader.LoadDefault(), new AdoptedPolicies(database.DataSource));
        await restarted.RefreshAsync(default);
        Assert.Equal(initial, restarted.Current.Version);

        var history = (await new AdoptedPolicies(database.DataSource).HistoryAsync(default))
            .Where(a => a.ActionId == change.Packet.ActionId || a.ActionId == undo.Outcome.Packet.ActionId).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(initial, history[0].PreviousVersion);
        Assert.Equal(initial, history[1].Version);
        Assert.Equal(["refunds.auto_refund_max", "refunds.customer_trailing_24h_max"], history[1].Changes.Select(c => c.Path).Order());
        Assert.Equal("300", history[1].Changes[0].From.GetRawText());
    }

    [Fact]
    public async Task A_rerun_of_a_committed_change_answers_the_recorded_result_without_adopting_twice()
    {
        var (h, policies, _, changes) = await CreateAsync();
        var packet = RaiseRefundLimits(250);

        var first = await changes.ExecuteAsync(packet, default);
        var rerun = await changes.ExecuteAsync(packet, default);

        Assert.Equal(first.ConnectorReference, rerun.ConnectorReference);
        Assert.Equal(first.Summary, rerun.Summary);
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'PolicyChanged' AND data->>'action_id' = $1", packet.ActionId));
        Assert.Equal(250m, policies.Current.Refunds.AutoRefundMax);
    }

    [Fact]
    public async Task A_change_that_does_not_load_is_denied_and_nothing_is_adopted()
    {
        var (h, policies, _, _) = await CreateAsync();
        var outcome = await h.Pipeline.SubmitAsync(ActionPacket.Create("change_policy", new { changes = new Dictionary<string, object> { ["refunds.max"] = 1 } }));

        Assert.Equal(ActionStatus.Denied, outcome.Status);
        Assert.Contains("unknown policy setting 'refunds.max'", outcome.Message);
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM policy_versions"));
        Assert.Equal(PolicyLoader.LoadDefault().Version, policies.Current.Version);
    }
}
