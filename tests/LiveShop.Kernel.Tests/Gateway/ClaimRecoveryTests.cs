using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Gateway;

public sealed class ClaimRecoveryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private async Task<(GatewayHarness Harness, CrashOnceExecutor Refunds)> CreateAsync()
    {
        await using (var clean = database.OwnerDataSource.CreateCommand("TRUNCATE gateway_executions, decision_log, approvals"))
            await clean.ExecuteNonQueryAsync();
        var refunds = new CrashOnceExecutor("refund_order");
        return (await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [refunds]), refunds);
    }

    private static ActionPacket Refund(string key) =>
        ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 40m, reason = "damaged" }) with { IdempotencyKey = key, RequestedBy = "agent:returns_refunds" };

    [Fact]
    public async Task A_claim_left_in_progress_by_a_crash_is_reclaimed_after_its_lease_and_executed_under_the_first_action_id()
    {
        var (h, refunds) = await CreateAsync();
        refunds.CrashNext = true;
        var first = Refund("crash-1");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Pipeline.SubmitAsync(first));
        Assert.Equal("in_progress", await StatusAsync(h, "crash-1"));

        h.Time.Advance(h.Gateway.ClaimLease + TimeSpan.FromSeconds(1));
        var retry = await h.Pipeline.SubmitAsync(Refund("crash-1"));

        Assert.Equal(ActionStatus.Executed, retry.Status);
        Assert.Equal(2, refunds.Runs);
        Assert.Equal([first.ActionId, first.ActionId], refunds.ActionIds);
        Assert.Equal("succeeded", await StatusAsync(h, "crash-1"));
        Assert.Equal(2, await h.ScalarAsync("SELECT attempts FROM gateway_executions WHERE idempotency_key = 'crash-1'"));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'ActionExecuted' AND data->>'idempotency_key' = 'crash-1'"));

        var again = await h.Pipeline.SubmitAsync(Refund("crash-1"));
        Assert.Equal(ActionStatus.Executed, again.Status);
        Assert.Equal(2, refunds.Runs);
    }

    [Fact]
    public async Task A_claim_within_its_lease_is_not_taken_over_and_is_listed_as_stale_only_after_it()
    {
        var (h, refunds) = await CreateAsync();
        refunds.CrashNext = true;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Pipeline.SubmitAsync(Refund("crash-2")));
        var impatient = new ToolGateway(database.DataSource, h.Signer, h.Policies, new ExecutorRegistry([refunds]), h.Approvals,
            new PlatformEvents(h.Events, h.Time), h.Time) { DuplicateWait = TimeSpan.FromMilliseconds(50) };

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var packet = Refund("crash-2");
        var verdict = h.Signer.Sign(Verifier.Evaluate(h.Policy, LiveShop.Kernel.Verification.Facts.BusinessFacts.From(_scenario.Snapshot()), packet, h.Time.GetUtcNow()));
        var waiting = await impatient.ExecuteAsync(packet, verdict, null, default);
        Assert.Equal(GatewayStatus.InProgress, waiting.Status);
        Assert.Equal(1, refunds.Runs);
        Assert.Empty(await impatient.StaleClaimsAsync(default));

        h.Time.Advance(TimeSpan.FromMinutes(5));
        var stale = Assert.Single(await impatient.StaleClaimsAsync(default));
        Assert.Equal(("crash-2", "refund_order", 1), (stale.IdempotencyKey, stale.Action, stale.Attempts));
    }

    [Fact]
    public async Task Twenty_concurrent_resubmits_of_a_stale_claim_reclaim_it_exactly_once()
    {
        var (h, refunds) = await CreateAsync();
        var original = Refund("stale-3");
        await using (var insert = database.DataSource.CreateCommand(
            """
            INSERT INTO gateway_executions (id, idempotency_key, action_id, action, arguments_hash, status, created_at, claimed_at, attempts)
            VALUES (gen_random_uuid(), 'stale-3', $1, 'refund_order', $2, 'in_progress', $3, $3, 1)
            """))
        {
            insert.Parameters.Add(new() { Value = original.ActionId });
            insert.Parameters.Add(new() { Value = ActionHashes.Arguments("refund_order", original.Parameters) });
            insert.Parameters.Add(new() { Value = h.Time.GetUtcNow() - TimeSpan.FromMinutes(30) });
            await insert.ExecuteNonQueryAsync();
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => h.Pipeline.SubmitAsync(Refund("stale-3")))));

        Assert.Equal(1, refunds.Runs);
        Assert.Equal([original.ActionId], refunds.ActionIds);
        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Executed, o.Status));
        Assert.Equal(2, await h.ScalarAsync("SELECT attempts FROM gateway_executions WHERE idempotency_key = 'stale-3'"));
        Assert.Equal("succeeded", await StatusAsync(h, "stale-3"));
    }

    [Fact]
    public async Task A_stale_claim_is_not_reclaimed_for_other_arguments_under_the_same_key()
    {
        var (h, refunds) = await CreateAsync();
        refunds.CrashNext = true;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Pipeline.SubmitAsync(Refund("crash-4")));
        h.Time.Advance(TimeSpan.FromMinutes(10));

        var other = ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 45m, reason = "damaged" }) with { IdempotencyKey = "crash-4" };
        var outcome = await h.Pipeline.SubmitAsync(other);

        Assert.Equal(ActionStatus.Denied, outcome.Status);
        Assert.Contains("other arguments", outcome.Message);
        Assert.Equal(1, refunds.Runs);
        Assert.Equal(1, await h.ScalarAsync("SELECT attempts FROM gateway_executions WHERE idempotency_key = 'crash-4'"));
    }

    private static async Task<string> StatusAsync(GatewayHarness h, string key)
    {
        await using var command = h.Database.DataSource.CreateCommand("SELECT status FROM gateway_executions WHERE idempotency_key = $1");
        command.Parameters.Add(new() { Value = key });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>An executor whose host "dies" mid-execution when told to (the gateway never records an outcome), then works.</summary>
internal sealed class CrashOnceExecutor(string action) : IActionExecutor
{
    private readonly List<string> _actionIds = [];

    public string Action { get; } = action;

    public bool CrashNext { get; set; }

    public int Runs { get { lock (_actionIds) return _actionIds.Count; } }

    public IReadOnlyList<string> ActionIds { get { lock (_actionIds) return [.. _actionIds]; } }

    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        lock (_actionIds) _actionIds.Add(packet.ActionId);
        await Task.Delay(20, cancellationToken);
        if (CrashNext)
        {
            CrashNext = false;
            throw new OperationCanceledException("the host stopped mid-execution");
        }
        return new ExecutionResult { ConnectorReference = $"{Action}@{packet.ActionId}", Summary = $"{Action} ran", IrreversibleBecause = "test" };
    }
}
