using LiveShop.Kernel.Actions;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Actions;

public sealed class SandboxActionsTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private GatewayHarness _h = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            if (!await db.Products.AnyAsync())
            {
                db.Products.Add(new Product { Id = "p_1", Sku = "SKU1", Title = "Glow serum", Category = "beauty", Price = 100m, UnitCost = 30m, ShippingCost = 5m, PlatformFeePct = 5m, Stock = 50, Status = "active" });
                db.AdCampaigns.Add(new AdCampaign { Id = "c_1", Platform = "meta_ads", Name = "Glow", Objective = "sales", Status = "active" });
                db.AdSets.AddRange(
                    new AdSet { Id = "as_7", CampaignId = "c_1", ProductId = "p_1", Name = "A", DailyBudget = 500m, Status = "active" },
                    new AdSet { Id = "as_8", CampaignId = "c_1", ProductId = "p_1", Name = "B", DailyBudget = 1000m, Status = "active" },
                    new AdSet { Id = "as_9", CampaignId = "c_1", ProductId = "p_1", Name = "C", DailyBudget = 100m, Status = "paused" });
                db.Customers.Add(new Customer { Id = "cu_1", Email = "c@x", Name = "C", Country = "AU" });
                db.Orders.Add(new Order
                {
                    Id = "o_1", CustomerId = "cu_1", Channel = "shopify", PlacedAt = GatewayHarness.Start.AddDays(-2), Status = "delivered", Subtotal = 300m, Total = 300m,
                    Currency = "AUD", Ip = "10.0.0.1", DeviceId = "d_1", BillingCountry = "AU", ShippingCountry = "AU",
                });
                await db.SaveChangesAsync();
            }
        }
        _h = await GatewayHarness.CreateAsync(database, new RowFacts(database), SandboxExecutors.Create(new BusinessUnitOfWork(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SetBudgetAsync(string adSetId, decimal budget)
    {
        await using var db = database.CreateContext();
        await db.AdSets.Where(a => a.Id == adSetId).ExecuteUpdateAsync(s => s.SetProperty(a => a.DailyBudget, budget));
    }

    private async Task<decimal> BudgetAsync(string adSetId)
    {
        await using var db = database.CreateContext();
        return await db.AdSets.Where(a => a.Id == adSetId).Select(a => a.DailyBudget).SingleAsync();
    }

    [Fact]
    public async Task Fifty_concurrent_refund_submits_write_one_refund_row_and_one_event()
    {
        var packet = ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 25, reason = "late" }) with { IdempotencyKey = "refund-once", RequestedBy = "agent:returns_refunds" };
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _h.Pipeline.SubmitAsync(packet with { ActionId = Guid.NewGuid().ToString() }))));

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Executed, o.Status));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Refunds.CountAsync(r => r.OrderId == "o_1" && r.Amount == 25m));
        Assert.Equal(1, await _h.ScalarAsync("SELECT count(*) FROM business_events WHERE type = 'RefundProcessed'"));
        Assert.Equal("partially_refunded", (await db.Orders.SingleAsync(o => o.Id == "o_1")).Status);
    }

    [Fact]
    public async Task Approved_scale_does_not_run_when_another_ad_set_raised_the_total_past_the_daily_cap()
    {
        await SetBudgetAsync("as_7", 500m);
        await SetBudgetAsync("as_8", 1000m);
        var submitted = await _h.Pipeline.SubmitAsync(ActionPacket.Create("scale_ad_set", new { ad_set_id = "as_7", new_daily_budget = 700 }) with { RequestedBy = "agent:ads_optimizer" });
        Assert.Equal(ActionStatus.AwaitingApproval, submitted.Status);

        await SetBudgetAsync("as_8", 4500m); // 4500 + 700 > 5000 once the approved scale would run
        var result = await _h.Pipeline.ApproveAndExecuteAsync(submitted.ApprovalId!.Value, GatewayHarness.Approver, null, default);

        Assert.True(result.Decision.Succeeded);
        Assert.NotEqual(ActionStatus.Executed, result.Outcome!.Status);
        Assert.Contains("fresh decision was required", result.Outcome.Message);
        Assert.Equal(500m, await BudgetAsync("as_7"));
        Assert.Equal(ApprovalStatus.Superseded, (await _h.Approvals.GetAsync(submitted.ApprovalId.Value, default))!.Status);
        await SetBudgetAsync("as_8", 1000m);
    }

    [Fact]
    public async Task Approved_scale_runs_when_facts_still_hold_and_undo_restores_the_budget()
    {
        await SetBudgetAsync("as_7", 500m);
        var submitted = await _h.Pipeline.SubmitAsync(ActionPacket.Create("scale_ad_set", new { ad_set_id = "as_7", new_daily_budget = 650 }) with { RequestedBy = "agent:ads_optimizer" });
        var approved = await _h.Pipeline.ApproveAndExecuteAsync(submitted.ApprovalId!.Value, GatewayHarness.Founder, "launch week", default);
        Assert.Equal(ActionStatus.Executed, approved.Outcome!.Status);
        Assert.Equal(650m, await BudgetAsync("as_7"));

        var undo = await _h.Pipeline.UndoAsync(submitted.Packet.ActionId, GatewayHarness.Founder, default);
        Assert.Equal(ActionStatus.Executed, undo.Outcome!.Status);
        Assert.Equal(500m, await BudgetAsync("as_7"));
        Assert.Equal(2, await _h.ScalarAsync("SELECT count(*) FROM ad_set_budget_changes WHERE ad_set_id = 'as_7'"));

        var paused = await _h.Pipeline.SubmitAsync(ActionPacket.Create("pause_ad_set", new { ad_set_id = "as_8" })
            with { RequestedBy = "agent:ads_optimizer", IdempotencyKey = Guid.NewGuid().ToString() });
        Assert.Equal("paused", await StatusAsync("as_8"));
        var resumed = await _h.Pipeline.UndoAsync(paused.Packet.ActionId, GatewayHarness.Founder, default);
        Assert.Equal(ActionStatus.Executed, resumed.Outcome!.Status);
        Assert.Equal("active", await StatusAsync("as_8"));
    }

    [Fact]
    public async Task A_paused_ad_set_is_resumed_and_the_resume_is_undone_by_pausing_it_again()
    {
        // Each request its own key: an identical request under one key is answered with the earlier execution.
        static ActionPacket Ask(string action) =>
            ActionPacket.Create(action, new { ad_set_id = "as_9" }) with { RequestedBy = "agent:ads_optimizer", IdempotencyKey = Guid.NewGuid().ToString() };

        Assert.Equal(ActionStatus.Executed, (await _h.Pipeline.SubmitAsync(Ask("pause_ad_set"))).Status);
        var resumed = await _h.Pipeline.SubmitAsync(Ask("resume_ad_set"));
        Assert.Equal(ActionStatus.Executed, resumed.Status);
        Assert.Equal("active", await StatusAsync("as_9"));

        var undo = await _h.Pipeline.UndoAsync(resumed.Packet.ActionId, GatewayHarness.Founder, default);
        Assert.Equal(ActionStatus.Executed, undo.Outcome!.Status);
        Assert.Equal("paused", await StatusAsync("as_9"));

        Assert.Equal(ActionStatus.Executed, (await _h.Pipeline.SubmitAsync(Ask("resume_ad_set"))).Status);
        var twice = await _h.Pipeline.SubmitAsync(Ask("resume_ad_set"));
        Assert.Equal(ActionStatus.Denied, twice.Status);
        Assert.Contains("not paused", twice.Message);
    }

    private async Task<string> StatusAsync(string adSetId)
    {
        await using var db = database.CreateContext();
        return (await db.AdSets.SingleAsync(a => a.Id == adSetId)).Status;
    }

    [Fact]
    public async Task Price_change_is_recorded_with_history_and_undone()
    {
        var changed = await _h.Pipeline.SubmitAsync(ActionPacket.Create("change_price", new { product_id = "p_1", new_price = 105 }) with { RequestedBy = "agent:cfo" });
        Assert.Equal(ActionStatus.Executed, changed.Status);
        await using (var db = database.CreateContext())
            Assert.Equal(105m, (await db.Products.SingleAsync(p => p.Id == "p_1")).Price);
        var undo = await _h.Pipeline.UndoAsync(changed.Packet.ActionId, GatewayHarness.Approver, default);
        Assert.Equal(ActionStatus.Executed, undo.Outcome!.Status);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(100m, (await db.Products.SingleAsync(p => p.Id == "p_1")).Price);
            Assert.Equal(2, await db.PriceChanges.CountAsync(c => c.ProductId == "p_1"));
        }
    }

    /// <summary>Facts read from the test database's rows on every verification (ROAS fixed at 4).</summary>
    internal sealed class RowFacts(TestDatabase database) : IFactsProvider
    {
        public async ValueTask<BusinessFacts> GetFactsAsync(ActionPacket packet, CancellationToken cancellationToken)
        {
            await using var db = database.CreateContext();
            var snapshot = new StateSnapshot
            {
                AsOf = GatewayHarness.Start,
                Finance = new FinanceFacts { CashBalance = 100_000m, AvgDailyNetBurn = 1_000m },
                Products = await db.Products.Select(p => new ProductFact { Id = p.Id, Price = p.Price, UnitCost = p.UnitCost, ShippingCost = p.ShippingCost, FeesPct = p.PlatformFeePct, Stock = p.Stock }).ToListAsync(cancellationToken),
                AdSets = await db.AdSets.Select(a => new AdSetFact { Id = a.Id, ProductId = a.ProductId, DailyBudget = a.DailyBudget, Roas7d = 4m, Status = a.Status }).ToListAsync(cancellationToken),
                Orders = await db.Orders.Select(o => new OrderFact
                {
                    Id = o.Id, CustomerId = o.CustomerId, Total = o.Total, PlacedAt = o.PlacedAt, Ip = o.Ip, DeviceId = o.DeviceId,
                    BillingCountry = o.BillingCountry, ShippingCountry = o.ShippingCountry, FirstOrder = o.FirstOrder,
                    RefundedAmount = db.Refunds.Where(r => r.OrderId == o.Id).Sum(r => (decimal?)r.Amount) ?? 0m,
                }).ToListAsync(cancellationToken),
            };
            return BusinessFacts.From(snapshot, $"rows@{DateTime.UtcNow.Ticks}");
        }
    }
}
