using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Approvals;

public sealed class ApprovalGateTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private Task<(GatewayHarness Harness, CountingExecutor Refunds)> CreateAsync() => RefundApprovals.CreateAsync(database, _scenario);

    private static ActionPacket Refund(decimal amount, string requestedBy = "agent:returns_refunds") => RefundApprovals.Refund(amount, requestedBy);

    [Fact]
    public async Task L3_refund_waits_for_the_founder_approver_and_support_are_refused()
    {
        var (h, refunds) = await CreateAsync();
        var submitted = await h.Pipeline.SubmitAsync(Refund(600));
        Assert.Equal(ActionStatus.AwaitingApproval, submitted.Status);
        var id = submitted.ApprovalId!.Value;
        Assert.Equal("founder", (await h.Approvals.GetAsync(id, default))!.RequiredApprover);

        var byApprover = await h.Pipeline.ApproveAndExecuteAsync(id, GatewayHarness.Approver, null, default);
        Assert.Equal(ApprovalDecisionStatus.Refused, byApprover.Decision.Status);
        var bySupport = await h.Pipeline.ApproveAndExecuteAsync(id, GatewayHarness.Support, null, default);
        Assert.Equal(ApprovalDecisionStatus.Refused, bySupport.Decision.Status);
        var byDisabled = await h.Pipeline.ApproveAndExecuteAsync(id, GatewayHarness.Disabled, null, default);
        Assert.Equal(ApprovalDecisionStatus.Refused, byDisabled.Decision.Status);
        var byStranger = await h.Pipeline.ApproveAndExecuteAsync(id, "nobody@test.local", null, default);
        Assert.Equal(ApprovalDecisionStatus.Refused, byStranger.Decision.Status);
        Assert.Equal(0, refunds.Runs);

        var byFounder = await h.Pipeline.ApproveAndExecuteAsync(id, GatewayHarness.Founder, "customer is right", default);
        Assert.Equal(ApprovalDecisionStatus.Decided, byFounder.Decision.Status);
        Assert.Equal(ActionStatus.Executed, byFounder.Outcome!.Status);
        Assert.Equal(1, refunds.Runs);
        Assert.Equal(ApprovalStatus.Executed, (await h.Approvals.GetAsync(id, default))!.Status);
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'ApprovalRequested' AND data->>'approval_id' = $1", id.ToString()));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'ApprovalDecided' AND data->>'approval_id' = $1", id.ToString()));
    }

    [Fact]
    public async Task Nobody_approves_their_own_request()
    {
        var (h, refunds) = await CreateAsync();
        var submitted = await h.Pipeline.SubmitAsync(Refund(150, requestedBy: GatewayHarness.Approver));
        var self = await h.Pipeline.ApproveAndExecuteAsync(submitted.ApprovalId!.Value, GatewayHarness.Approver, null, default);
        Assert.Equal(ApprovalDecisionStatus.Refused, self.Decision.Status);
        Assert.Contains("own request", self.Decision.Message);

        // An agent's proposal made for an approver is still the approver's own request.
        var forApprover = await h.Pipeline.SubmitAsync(Refund(150) with { ActionId = Guid.NewGuid().ToString() }, GatewayHarness.Approver, default);
        var approverSelf = await h.Pipeline.ApproveAndExecuteAsync(forApprover.ApprovalId!.Value, GatewayHarness.Approver, null, default);
        Assert.Equal(ApprovalDecisionStatus.Refused, approverSelf.Decision.Status);
        Assert.Equal(0, refunds.Runs);
    }

    [Fact]
    public async Task The_founder_confirms_what_an_agent_proposed_on_their_behalf()
    {
        var (h, refunds) = await CreateAsync();
        var forFounder = await h.Pipeline.SubmitAsync(Refund(150), GatewayHarness.Founder, default);
        var confirmed = await h.Pipeline.ApproveAndExecuteAsync(forFounder.ApprovalId!.Value, GatewayHarness.Founder, null, default);
        Assert.Equal(ApprovalDecisionStatus.Decided, confirmed.Decision.Status);
        Assert.Equal(ActionStatus.Executed, confirmed.Outcome!.Status);
        Assert.Equal(1, refunds.Runs);
    }

    [Fact]
    public async Task Reject_needs_a_reason_and_a_later_approval_is_refused()
    {
        var (h, refunds) = await CreateAsync();
        var id = (await h.Pipeline.SubmitAsync(Refund(150))).ApprovalId!.Value;
        Assert.Equal(ApprovalDecisionStatus.Invalid, (await h.Approvals.DecideAsync(id, GatewayHarness.Approver, ApprovalVote.Reject, " ", default)).Status);
        Assert.Equal(ApprovalDecisionStatus.Decided, (await h.Approvals.DecideAsync(id, GatewayHarness.Approver, ApprovalVote.Reject, "looks like abuse", default)).Status);
        Assert.Equal(ApprovalDecisionStatus.AlreadyDecided, (await h.Approvals.DecideAsync(id, GatewayHarness.Approver, ApprovalVote.Reject, "still abuse", default)).Status);

        var late = await h.Pipeline.ApproveAndExecuteAsync(id, GatewayHarness.Founder, null, default);
        Assert.Equal(ApprovalDecisionStatus.Conflict, late.Decision.Status);
        Assert.Null(late.Outcome);
        Assert.Equal(0, refunds.Runs);
        Assert.Equal(ApprovalStatus.Rejected, (await h.Approvals.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task The_first_of_two_concurrent_decisions_wins()
    {
        var (h, _) = await CreateAsync();
        for (var round = 0; round < 5; round++)
        {
            var id = (await h.Pipeline.SubmitAsync(Refund(150) with { ActionId = Guid.NewGuid().ToString() })).ApprovalId!.Value;
            var results = await Task.WhenAll(
                Task.Run(() => h.Approvals.DecideAsync(id, GatewayHarness.Founder, ApprovalVote.Approve, null, default)),
                Task.Run(() => h.Approvals.DecideAsync(id, GatewayHarness.Approver, ApprovalVote.Reject, "no", default)));
            var winners = results.Where(r => r.Status == ApprovalDecisionStatus.Decided).ToList();
            Assert.Single(winners);
            Assert.Single(results, r => r.Status == ApprovalDecisionStatus.Conflict);
            var stored = await h.Approvals.GetAsync(id, default);
            Assert.Equal(winners[0].Approval!.Status, stored!.Status);
            Assert.Equal(winners[0].Approval!.DecidedBy, stored.DecidedBy);
        }
    }

    [Fact]
    public async Task An_expired_approval_never_executes()
    {
        var (h, refunds) = await CreateAsync();
        var pending = (await h.Pipeline.SubmitAsync(Refund(150) with { ActionId = Guid.NewGuid().ToString() })).ApprovalId!.Value;
        var approvedLate = (await h.Pipeline.SubmitAsync(Refund(140) with { ActionId = Guid.NewGuid().ToString() }));
        Assert.True((await h.Approvals.DecideAsync(approvedLate.ApprovalId!.Value, GatewayHarness.Founder, ApprovalVote.Approve, null, default)).Succeeded);

        h.Time.Advance(TimeSpan.FromHours(25));
        var tooLate = await h.Pipeline.ApproveAndExecuteAsync(pending, GatewayHarness.Founder, null, default);
        Assert.Equal(ApprovalDecisionStatus.Expired, tooLate.Decision.Status);
        Assert.Equal(ApprovalStatus.Expired, (await h.Approvals.GetAsync(pending, default))!.Status);

        var packet = approvedLate.Packet;
        var fresh = h.Signer.Sign(Verifier.Evaluate(h.Policy, LiveShop.Kernel.Verification.Facts.BusinessFacts.From(_scenario.Snapshot()), packet, h.Time.GetUtcNow()));
        var execution = await h.Gateway.ExecuteAsync(packet, fresh, approvedLate.ApprovalId, default);
        h.Time.Advance(TimeSpan.FromHours(-25));
        Assert.Equal(LiveShop.Kernel.Gateway.GatewayStatus.Refused, execution.Status);
        Assert.Contains("expired", execution.Message);
        Assert.Equal(ApprovalStatus.Expired, (await h.Approvals.GetAsync(approvedLate.ApprovalId!.Value, default))!.Status);
        Assert.Equal(0, refunds.Runs);
    }
}
