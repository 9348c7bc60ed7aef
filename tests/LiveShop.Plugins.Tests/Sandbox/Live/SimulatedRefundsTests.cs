using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Metrics.Quantities;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Sandbox.Live;

/// <summary>
/// The simulator books refunds with the one definition of what an order has refunded: a failed or cancelled refund in
/// the database leaves the order refundable, so the simulated customers still ask for their money back, and what the
/// simulation then refunds never takes an order past its total.
/// </summary>
public sealed class SimulatedRefundsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Failed_and_cancelled_refunds_leave_the_order_refundable_for_the_simulated_customers()
    {
        var simulation = await LiveWorld.SeedAsync(database, seed: 11, historyDays: 14);
        List<string> history;
        await using (var db = database.CreateContext())
        {
            // Every order of the history gets a failed and a cancelled refund of its whole total: neither moved money.
            var orders = await db.Orders.Select(o => new { o.Id, o.CustomerId, o.Total }).ToListAsync();
            history = orders.Select(o => o.Id).ToList();
            foreach (var (order, status) in orders.SelectMany(o => new[] { (o, "failed"), (o, "cancelled") }))
                db.Refunds.Add(new Refund
                {
                    Id = $"rfx_{status}_{order.Id}", OrderId = order.Id, CustomerId = order.CustomerId, Amount = order.Total,
                    Reason = "damaged", Status = status, RequestedAt = LiveWorld.AnchorInstant.AddDays(-1),
                });
            await db.SaveChangesAsync();
        }

        await simulation.AdvanceAsync(10);

        await using var context = database.CreateContext();
        var asked = await context.Refunds.Where(r => history.Contains(r.OrderId) && r.RequestedAt >= LiveWorld.AnchorInstant).CountAsync();
        Assert.True(asked > 0, "no simulated customer asked for a refund on an order whose only refunds failed or were cancelled");
        var totals = await context.Orders.ToDictionaryAsync(o => o.Id, o => o.Total);
        var refunded = await context.Refunds.ThatCount().GroupBy(r => r.OrderId)
            .Select(g => new { OrderId = g.Key, Amount = g.Sum(r => r.Amount) }).ToListAsync();
        Assert.All(refunded, r => Assert.True(r.Amount <= totals[r.OrderId], $"{r.OrderId} refunded {r.Amount} of {totals[r.OrderId]}"));
    }
}
