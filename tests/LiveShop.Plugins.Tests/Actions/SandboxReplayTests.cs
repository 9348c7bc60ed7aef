using LiveShop.Kernel.Actions;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Actions;

/// <summary>A sandbox action re-run after its host crashed (the gateway re-claims the execution) applies once.</summary>
public sealed class SandboxReplayTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private GatewayHarness _h = null!;
    private ChangePriceExecutor _prices = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            if (!await db.Products.AnyAsync(p => p.Id == "p_9"))
                db.Products.Add(new Product { Id = "p_9", Sku = "SKU9", Title = "Lip oil", Category = "beauty", Price = 100m, UnitCost = 30m, ShippingCost = 5m, PlatformFeePct = 5m, Stock = 50, Status = "active" });
            await db.SaveChangesAsync();
        }
        var business = new BusinessUnitOfWork(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System);
        _prices = new ChangePriceExecutor(business);
        _h = await GatewayHarness.CreateAsync(database, new ChangingFacts(() => new StateSnapshot
        {
            AsOf = GatewayHarness.Start,
            Finance = new FinanceFacts { CashBalance = 10_000m, AvgDailyNetBurn = 100m },
            Products = [new ProductFact { Id = "p_9", Title = "Lip oil", Price = 100m, UnitCost = 30m, ShippingCost = 5m, FeesPct = 5m, Stock = 50 }],
        }), [_prices]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ActionPacket Price(decimal price, string key) =>
        ActionPacket.Create("change_price", new { product_id = "p_9", new_price = price }) with { IdempotencyKey = key, RequestedBy = "agent:cfo" };

    [Fact]
    public async Task A_change_committed_before_the_crash_is_found_by_the_reclaiming_resubmit_and_not_applied_again()
    {
        var packet = Price(104m, "price-crash");
        // The first attempt committed its writes, then its host died before the gateway recorded the outcome.
        var committed = await _prices.ExecuteAsync(packet, default);
        await using (var insert = database.DataSource.CreateCommand(
            """
            INSERT INTO gateway_executions (id, idempotency_key, action_id, action, arguments_hash, status, created_at, claimed_at, attempts)
            VALUES (gen_random_uuid(), 'price-crash', $1, 'change_price', $2, 'in_progress', $3, $3, 1)
            """))
        {
            insert.Parameters.Add(new() { Value = packet.ActionId });
            insert.Parameters.Add(new() { Value = ActionHashes.Arguments("change_price", packet.Parameters) });
            insert.Parameters.Add(new() { Value = GatewayHarness.Start.AddMinutes(-30) });
            await insert.ExecuteNonQueryAsync();
        }

        var resubmitted = await _h.Pipeline.SubmitAsync(Price(104m, "price-crash"));

        Assert.Equal(ActionStatus.Executed, resubmitted.Status);
        Assert.Equal(committed.ConnectorReference, resubmitted.ConnectorReference);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.PriceChanges.CountAsync(c => c.ProductId == "p_9" && c.ToPrice == 104m));
        Assert.Equal(2, await _h.ScalarAsync("SELECT attempts FROM gateway_executions WHERE idempotency_key = 'price-crash'"));
        Assert.Equal(1, await _h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'ActionApplied' AND data->>'action_id' = $1", packet.ActionId));
        Assert.Equal("succeeded", (await _h.Gateway.FindExecutionAsync(packet.ActionId, default))!.Status);
    }

    [Fact]
    public async Task Two_concurrent_runs_of_one_action_id_apply_it_once_and_answer_the_same_result()
    {
        var packet = Price(103m, "price-twice");
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => _prices.ExecuteAsync(packet, default))));

        Assert.Equal(results[0].ConnectorReference, results[1].ConnectorReference);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(results[0].Inverse!.Parameters, results[1].Inverse!.Parameters));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.PriceChanges.CountAsync(c => c.ProductId == "p_9" && c.ToPrice == 103m));
    }
}
