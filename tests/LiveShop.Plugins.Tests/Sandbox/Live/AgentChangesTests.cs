using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Sandbox.Live;

/// <summary>What agents change in the business database (as a sandbox connector would) changes what the simulation does next.</summary>
public sealed class AgentChangesTests
{
    [Fact]
    public async Task A_paused_ad_set_spends_nothing_and_brings_no_orders_while_the_others_keep_running()
    {
        await using var database = new SeparateDatabase();
        await database.InitializeAsync();
        var simulation = await LiveWorld.SeedAsync(database);
        await using (var context = database.CreateContext())
        {
            var adSet = await context.AdSets.SingleAsync(a => a.Id == "as_1");
            Assert.Equal("active", adSet.Status);
            adSet.Status = "paused";
            await context.SaveChangesAsync();
        }

        var run = await simulation.AdvanceAsync(3);

        await using var check = database.CreateContext();
        var live = await check.AdSetDailyMetrics.Where(m => m.Date >= LiveWorld.Anchor).ToListAsync();
        Assert.DoesNotContain(live, m => m.AdSetId == "as_1" && (m.Spend > 0 || m.Orders > 0));
        Assert.Contains(live, m => m.AdSetId != "as_1" && m.Spend > 0);
        Assert.True(await check.AdSetDailyMetrics.AnyAsync(m => m.AdSetId == "as_1" && m.Date < LiveWorld.Anchor && m.Spend > 0));
        Assert.Equal(live.Sum(m => m.Spend), run.AdSpend);
    }

    [Fact]
    public async Task A_product_with_no_stock_gets_no_orders_until_stock_arrives()
    {
        await using var database = new SeparateDatabase();
        await database.InitializeAsync();
        var simulation = await LiveWorld.SeedAsync(database);
        await using (var context = database.CreateContext())
        {
            var product = await context.Products.SingleAsync(p => p.Id == "p_5");
            product.Stock = 0;
            await context.SaveChangesAsync();
        }

        await simulation.AdvanceAsync(2);

        await using var check = database.CreateContext();
        var sold = await check.OrderLines.Join(check.Orders, l => l.OrderId, o => o.Id, (l, o) => new { l.ProductId, o.PlacedAt })
            .Where(x => x.PlacedAt >= LiveWorld.AnchorInstant).ToListAsync();
        Assert.DoesNotContain(sold, x => x.ProductId == "p_5");
        Assert.Contains(sold, x => x.ProductId == "p_1");
        Assert.Equal(0, (await check.Products.SingleAsync(p => p.Id == "p_5")).Stock);
    }

    [Fact]
    public async Task Raising_a_price_lowers_how_many_units_of_that_product_sell()
    {
        await using var baseline = new SeparateDatabase();
        await using var raised = new SeparateDatabase();
        await Task.WhenAll(baseline.InitializeAsync(), raised.InitializeAsync());
        var asIs = await LiveWorld.SeedAsync(baseline);
        var dearer = await LiveWorld.SeedAsync(raised);
        await using (var context = raised.CreateContext())
        {
            var product = await context.Products.SingleAsync(p => p.Id == "p_1");
            product.Price = Math.Round(product.Price * 1.6m, 2);
            await context.SaveChangesAsync();
        }

        await Task.WhenAll(asIs.AdvanceAsync(8), dearer.AdvanceAsync(8));

        var before = await UnitsSoldAsync(baseline, "p_1");
        var after = await UnitsSoldAsync(raised, "p_1");
        Assert.True(before >= 30, $"baseline sold only {before}");
        Assert.True(after < before * 0.8, $"at the higher price {after} units sold, at the old price {before}");
    }

    private static async Task<int> UnitsSoldAsync(TestDatabase database, string productId)
    {
        await using var context = database.CreateContext();
        return await context.OrderLines.Join(context.Orders, l => l.OrderId, o => o.Id, (l, o) => new { l.ProductId, l.Quantity, o.PlacedAt, o.Status })
            .Where(x => x.ProductId == productId && x.PlacedAt >= LiveWorld.AnchorInstant && x.Status != "cancelled").SumAsync(x => x.Quantity);
    }
}
