using System.Collections.Concurrent;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Tests.Planning;

/// <summary>Keeps what the proof filter submitted and hands it to the real pipeline.</summary>
public sealed class WitnessedPipeline(IActionPipeline inner) : IActionPipeline
{
    public ConcurrentQueue<ActionOutcome> Outcomes { get; } = new();

    public async Task<ActionOutcome> SubmitAsync(ActionPacket packet, CancellationToken cancellationToken = default)
    {
        var outcome = await inner.SubmitAsync(packet, cancellationToken);
        Outcomes.Enqueue(outcome);
        return outcome;
    }
}

public sealed class OfflinePlannerEndToEndTests(PlannerBusiness business) : IClassFixture<PlannerBusiness>
{
    [Fact]
    public async Task Small_refund_executes_and_a_large_one_waits_for_the_founder_through_the_real_pipeline()
    {
        var policy = PolicyLoader.LoadDefault();
        var clock = new StoppedClock(PlannerBusiness.Now);
        var sandbox = new BusinessUnitOfWork(business.DataSource, new EventStore(business.DataSource, clock), clock);
        var gateway = await GatewayHarness.CreateAsync(business, new DatabaseFactsProvider(business.DataSource, clock, policy), [new RefundOrderExecutor(sandbox)], policy);
        var pipeline = new WitnessedPipeline(gateway.Pipeline);
        var planner = new PlannerHarness(business, pipeline, requester: "user:" + GatewayHarness.Founder);

        var (small, _) = await planner.AskAsync("refund $40 on o_12 because the parcel arrived damaged");
        var (large, _) = await planner.AskAsync("refund $600 on o_40");

        var outcomes = pipeline.Outcomes.ToArray();
        Assert.Equal(2, outcomes.Length);
        Assert.Equal(ActionStatus.Executed, outcomes[0].Status);
        Assert.StartsWith("Executed refund_order (order_id o_12, amount 40", small);
        Assert.Equal(ActionStatus.AwaitingApproval, outcomes[1].Status);
        Assert.Equal(Approver.Founder, outcomes[1].Verdict.Approver);
        Assert.Contains($"awaiting approval by the founder (approval id {outcomes[1].ApprovalId}", large);
        Assert.DoesNotContain("Executed", large);

        await using var db = business.CreateContext();
        var refunds = await db.Refunds.Where(r => r.OrderId == "o_12" || r.OrderId == "o_40").ToListAsync();
        var refund = Assert.Single(refunds);
        Assert.Equal(("o_12", 40m), (refund.OrderId, refund.Amount));
    }
}
