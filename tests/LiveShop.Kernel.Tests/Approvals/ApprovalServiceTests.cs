using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Approvals;

/// <summary>The one service every surface decides and lists through: transitions, authority and execution live here once.</summary>
public sealed class ApprovalServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private Task<(GatewayHarness Harness, CountingExecutor Refunds)> CreateAsync() => RefundApprovals.CreateAsync(database, _scenario);

    private static async Task<Guid> RequestAsync(GatewayHarness h, decimal amount) =>
        (await h.Pipeline.SubmitAsync(RefundApprovals.Refund(amount) with { ActionId = Guid.NewGuid().ToString() })).ApprovalId!.Value;

    [Fact]
    public async Task An_approval_runs_the_action_once_and_answers_with_the_approval_as_it_now_stands()
    {
        var (h, refunds) = await CreateAsync();
        var id = await RequestAsync(h, 150);

        var decision = await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Approver, ApprovalVote.Approve, "checked"), default);

        Assert.Equal(ApprovalDecisionStatus.Decided, decision.Status);
        Assert.Equal(ActionStatus.Executed, decision.Execution!.Status);
        Assert.Equal(ApprovalStatus.Executed, decision.Approval!.Status);
        Assert.Equal(GatewayHarness.Approver, decision.Approval.DecidedBy);
        Assert.Contains(decision.Execution.Message, decision.Summary);
        Assert.Equal(1, refunds.Runs);
    }

    [Fact]
    public async Task A_rejected_approval_cannot_be_approved_or_rejected_again_by_someone_else()
    {
        var (h, refunds) = await CreateAsync();
        var id = await RequestAsync(h, 150);
        Assert.Equal(ApprovalDecisionStatus.Invalid,
            (await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Approver, ApprovalVote.Reject, "  "), default)).Status);
        Assert.Equal(ApprovalDecisionStatus.Decided,
            (await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Approver, ApprovalVote.Reject, "duplicate"), default)).Status);

        var approve = await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Founder, ApprovalVote.Approve), default);
        var rejectAgain = await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Founder, ApprovalVote.Reject, "also no"), default);

        Assert.Equal(ApprovalDecisionStatus.Conflict, approve.Status);
        Assert.Contains("already rejected by approver@test.local", approve.Message);
        Assert.Null(approve.Execution);
        Assert.Equal(ApprovalDecisionStatus.Conflict, rejectAgain.Status);
        Assert.Equal(ApprovalStatus.Rejected, (await h.Service.GetAsync(id, default))!.Status);
        Assert.Equal("duplicate", (await h.Service.GetAsync(id, default))!.DecisionReason);
        Assert.Equal(0, refunds.Runs);
    }

    [Fact]
    public async Task An_expired_approval_is_refused_for_either_vote_and_never_runs()
    {
        var (h, refunds) = await CreateAsync();
        var id = await RequestAsync(h, 150);

        h.Time.Advance(TimeSpan.FromHours(25));
        try
        {
            var approve = await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Founder, ApprovalVote.Approve), default);
            var reject = await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Founder, ApprovalVote.Reject, "too late anyway"), default);

            Assert.Equal(ApprovalDecisionStatus.Expired, approve.Status);
            Assert.Equal(ApprovalDecisionStatus.Expired, reject.Status);
            Assert.Equal(ApprovalStatus.Expired, approve.Approval!.Status);
            Assert.Null(approve.Execution);
            Assert.Equal(0, refunds.Runs);
        }
        finally
        {
            h.Time.Advance(TimeSpan.FromHours(-25));
        }
    }

    [Fact]
    public async Task A_decision_shows_in_the_list_of_its_status_and_leaves_the_pending_list()
    {
        var (h, _) = await CreateAsync();
        var id = await RequestAsync(h, 150);
        Assert.Contains(await h.Service.ListAsync(ApprovalStatus.Pending, 500, default), a => a.ApprovalId == id);

        await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Approver, ApprovalVote.Reject, "customer withdrew"), default);

        Assert.DoesNotContain(await h.Service.ListAsync(ApprovalStatus.Pending, 500, default), a => a.ApprovalId == id);
        var listed = Assert.Single(await h.Service.ListAsync(ApprovalStatus.Rejected, 500, default), a => a.ApprovalId == id);
        Assert.Equal(GatewayHarness.Approver, listed.DecidedBy);
        Assert.Equal("customer withdrew", listed.DecisionReason);
    }

    [Fact]
    public async Task What_a_surface_offers_follows_the_rule_the_gate_enforces()
    {
        var (h, refunds) = await CreateAsync();
        var id = await RequestAsync(h, 600);
        var approval = (await h.Service.GetAsync(id, default))!;

        Assert.False(h.Service.Authority(new Principal(GatewayHarness.Approver, "approver"), approval).Allowed);
        Assert.True(h.Service.Authority(new Principal(GatewayHarness.Founder, "founder"), approval).Allowed);
        var refused = await h.Service.DecideAsync(new ApprovalDecisionRequest(id, GatewayHarness.Approver, ApprovalVote.Approve), default);
        Assert.Equal(ApprovalDecisionStatus.Refused, refused.Status);
        Assert.Equal(ApprovalStatus.Pending, refused.Approval!.Status);
        Assert.Equal(0, refunds.Runs);
    }
}
