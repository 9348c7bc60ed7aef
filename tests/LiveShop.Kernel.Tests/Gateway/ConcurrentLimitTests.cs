using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Gateway;

/// <summary>
/// Actions submitted together to the pipeline over live facts and the real sandbox executors: the limits that read running
/// totals (what is left to refund, a customer's trailing 24 h, the daily budget cap, the budget step) hold however the
/// requests interleave, because the facts read and the write of actions on the same limited entity are serialized.
/// </summary>
public sealed class ConcurrentLimitTests(ConcurrentLimitTests.World world) : IClassFixture<ConcurrentLimitTests.World>
{
    private const int Requests = 20;

    /// <summary>Customers and ad sets for every test; each test uses its own customer, the ad set tests reset the budgets.</summary>
    public sealed class World : TestDatabase, IAsyncLifetime
    {
        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var now = GatewayHarness.Start;
            await LimitedBusiness.AddOrdersAsync(this, "c_one", [("o_one", 79.99m)], now);
            await LimitedBusiness.AddOrdersAsync(this, "c_many", Enumerable.Range(1, Requests).Select(i => ($"o_many_{i}", 79.99m)), now);
            await LimitedBusiness.AddOrdersAsync(this, "c_approved", [("o_approved", 200m)], now);
            await LimitedBusiness.AddOrdersAsync(this, "c_wait", [("o_wait", 79.99m)], now);
            await LimitedBusiness.AddAdSetsAsync(this, Enumerable.Range(1, 10).Select(i => ($"as_{i}", 480m)), now);
        }
    }

    // Keys are unique per call: two tests of this class ask for the same change (as_1 to 576), and a repeated key is
    // answered with the earlier execution, which would make the second test's outcome depend on which ran first.
    private static ActionPacket Refund(string orderId, decimal amount, int request) =>
        ActionPacket.Create("refund_order", new { order_id = orderId, amount, reason = "damaged" })
            with { IdempotencyKey = $"refund-{orderId}-{amount}-{request}-{Guid.NewGuid():N}", RequestedBy = "agent:returns_refunds" };

    private static ActionPacket Scale(string adSetId, decimal budget, int request) =>
        ActionPacket.Create("scale_ad_set", new { ad_set_id = adSetId, new_daily_budget = budget })
            with { IdempotencyKey = $"scale-{adSetId}-{budget}-{request}-{Guid.NewGuid():N}", RequestedBy = "agent:ads_optimizer" };

    private static Task<ActionOutcome[]> SubmitTogetherAsync(GatewayHarness h, IEnumerable<ActionPacket> packets) =>
        Task.WhenAll(packets.Select(p => Task.Run(() => h.Pipeline.SubmitAsync(p))));

    [Fact]
    public async Task Twenty_concurrent_refunds_of_one_order_never_refund_more_than_is_left()
    {
        var h = await GatewayHarness.CreateLiveAsync(world);

        var outcomes = await SubmitTogetherAsync(h, Enumerable.Range(0, Requests).Select(i => Refund("o_one", 60m, i)));

        // 60 of 79.99 leaves 19.99: one refund runs, every other one exceeds what is left and is denied.
        Assert.Equal(60m, await LimitedBusiness.RefundedToAsync(world, "c_one"));
        Assert.Single(outcomes, o => o.Status == ActionStatus.Executed);
        Assert.All(outcomes.Where(o => o.Status != ActionStatus.Executed), o =>
        {
            Assert.Equal(ActionStatus.Denied, o.Status);
            Assert.Contains("exceeds what is left to refund", o.Message);
        });
    }

    [Fact]
    public async Task Twenty_concurrent_refunds_of_one_customer_stay_within_the_24h_cap_and_the_rest_wait_for_approval()
    {
        var h = await GatewayHarness.CreateLiveAsync(world);

        var outcomes = await SubmitTogetherAsync(h, Enumerable.Range(1, Requests).Select(i => Refund($"o_many_{i}", 30m, i)));

        // 30 + 30 + 30 = 90 stays within the 100 a customer may get back in 24 h without approval; a fourth would reach 120.
        Assert.Equal(90m, await LimitedBusiness.RefundedToAsync(world, "c_many"));
        Assert.Equal(3, outcomes.Count(o => o.Status == ActionStatus.Executed));
        Assert.All(outcomes.Where(o => o.Status != ActionStatus.Executed), o =>
        {
            Assert.Equal(ActionStatus.AwaitingApproval, o.Status);
            Assert.Equal(RiskLevel.L2, o.Verdict.RiskLevel);
            Assert.Contains("trailing 24 h", o.Message);
        });
    }

    [Fact]
    public async Task Approved_refunds_executed_together_never_refund_more_than_is_left()
    {
        var h = await GatewayHarness.CreateLiveAsync(world);
        var waiting = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var submitted = await h.Pipeline.SubmitAsync(Refund("o_approved", 150m, i));
            Assert.Equal(ActionStatus.AwaitingApproval, submitted.Status);
            waiting.Add(submitted.ApprovalId!.Value);
        }

        var executions = await Task.WhenAll(waiting.Select(id =>
            Task.Run(() => h.Pipeline.ApproveAndExecuteAsync(id, GatewayHarness.Approver, "receipt checked", default))));

        // Each approval was right when given; executed together, only the first fits in the 200 paid.
        Assert.All(executions, e => Assert.True(e.Decision.Succeeded));
        Assert.Equal(150m, await LimitedBusiness.RefundedToAsync(world, "c_approved"));
        Assert.Single(executions, e => e.Outcome!.Status == ActionStatus.Executed);
        Assert.All(executions.Where(e => e.Outcome!.Status != ActionStatus.Executed), e =>
        {
            Assert.Equal(ActionStatus.Denied, e.Outcome!.Status);
            Assert.Contains("exceeds what is left to refund", e.Outcome.Message);
        });
    }

    [Fact]
    public async Task Concurrent_budget_increases_never_pass_the_daily_cap()
    {
        await LimitedBusiness.ResetAdSetsAsync(world, 480m);
        var h = await GatewayHarness.CreateLiveAsync(world);

        // Ten ad sets at 480 spend 4800 a day; each +20 % step (to 576) is allowed alone, but only two fit under the 5000 cap.
        var outcomes = await SubmitTogetherAsync(h, Enumerable.Range(1, 10).Select(i => Scale($"as_{i}", 576m, i)));

        Assert.Equal(4992m, await LimitedBusiness.ActiveDailyBudgetsAsync(world));
        Assert.Equal(2, outcomes.Count(o => o.Status == ActionStatus.Executed));
        Assert.All(outcomes.Where(o => o.Status != ActionStatus.Executed), o =>
        {
            Assert.Equal(ActionStatus.Denied, o.Status);
            Assert.Contains("daily cap", o.Message);
        });
    }

    [Fact]
    public async Task Concurrent_cuts_and_increases_of_one_ad_set_never_skip_the_budget_step()
    {
        await LimitedBusiness.ResetAdSetsAsync(world, 480m);
        var h = await GatewayHarness.CreateLiveAsync(world);

        // A cut to 100 is always allowed and an increase to 576 is a +20 % step from 480; once cut, 576 is +476 %.
        var packets = Enumerable.Range(0, Requests).Select(i => i % 2 == 0 ? Scale("as_1", 100m, i) : Scale("as_1", 576m, i));
        var outcomes = await SubmitTogetherAsync(h, packets);

        // Each change starts from the budget the one before left, and no increase steps more than 20 % from it.
        var changes = await LimitedBusiness.BudgetChangesOfAsync(world, "as_1");
        Assert.Equal(480m, changes[0].From);
        for (var i = 1; i < changes.Count; i++)
            Assert.True(changes[i].From == changes[i - 1].To, $"change {i} records {changes[i].From} → {changes[i].To}, but the budget was {changes[i - 1].To}");
        Assert.All(changes, change => Assert.True(change.To <= change.From * 1.2m, $"as_1 went from {change.From} to {change.To} without approval"));
        Assert.All(outcomes.Where(o => o.Status != ActionStatus.Executed), o => Assert.Equal(ActionStatus.AwaitingApproval, o.Status));
    }

    [Fact]
    public async Task A_submit_reads_its_facts_only_once_the_action_holding_its_limits_has_finished()
    {
        var h = await GatewayHarness.CreateLiveAsync(world);
        Task<ActionOutcome> waiting;
        await using (await h.Limits.AcquireAsync(Refund("o_wait", 1m, 99), default))
        {
            waiting = Task.Run(() => h.Pipeline.SubmitAsync(Refund("o_wait", 60m, 0)));
            await UntilALimitLockIsAwaitedAsync();
            // What the action holding the limits commits before it releases them.
            await using var db = world.CreateContext();
            db.Refunds.Add(new Memory.Data.Entities.Payments.Refund
            {
                Id = "re_wait", OrderId = "o_wait", CustomerId = "c_wait", Amount = 60m, Reason = "damaged", Status = "processed",
                RequestedAt = GatewayHarness.Start, ProcessedAt = GatewayHarness.Start,
            });
            await db.SaveChangesAsync();
        }

        var outcome = await waiting;
        Assert.Equal(ActionStatus.Denied, outcome.Status);
        Assert.Contains("exceeds what is left to refund on order o_wait (19.99)", outcome.Message);
    }

    // The submit is parked on the advisory lock (pg_locks shows its request not granted), not merely scheduled.
    private async Task UntilALimitLockIsAwaitedAsync()
    {
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            await using var command = world.DataSource.CreateCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(10);
        }
        Assert.Fail("the submit never waited for the limits held by the other action");
    }
}
