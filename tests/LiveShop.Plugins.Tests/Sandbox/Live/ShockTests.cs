using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Plugins.Sandbox.Shocks;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Sandbox.Live;

/// <summary>Each shock changes the world the way it would, only on its days, and a run with no shock is the run it always was.</summary>
public sealed class ShockTests
{
    [Fact]
    public async Task A_cpm_spike_on_one_platform_buys_fewer_clicks_there_for_the_same_spend_and_leaves_the_others_alone()
    {
        await using var both = await PlayBothAsync(8, """{"kind":"cpm_spike","day":1,"days":8,"platform":"tiktok","pct":150}""");

        var calmTiktok = await ClicksPerDollarAsync(both.Calm.Database, "tiktok_ads");
        var shockedTiktok = await ClicksPerDollarAsync(both.Shocked.Database, "tiktok_ads");
        Assert.True(shockedTiktok < calmTiktok * 0.6, $"tiktok clicks per dollar {shockedTiktok:0.000} with the spike, {calmTiktok:0.000} without");
        var calmMeta = await ClicksPerDollarAsync(both.Calm.Database, "meta_ads");
        var shockedMeta = await ClicksPerDollarAsync(both.Shocked.Database, "meta_ads");
        Assert.True(Math.Abs(shockedMeta - calmMeta) < calmMeta * 0.25, $"meta clicks per dollar moved from {calmMeta:0.000} to {shockedMeta:0.000}");
    }

    [Fact]
    public async Task A_supplier_cost_shock_raises_its_products_costs_with_an_event_and_puts_them_back_when_it_ends()
    {
        await using var both = await PlayBothAsync(1, """{"kind":"supplier_cost","day":1,"days":2,"supplier":"s_1","pct":30}""");
        var before = await CostsAsync(both.Calm.Database);
        var during = await CostsAsync(both.Shocked.Database);
        await using (var context = both.Shocked.Database.CreateContext())
        {
            var ofSupplier = await context.Products.Where(p => p.SupplierId == "s_1").Select(p => p.Id).ToListAsync();
            Assert.NotEmpty(ofSupplier);
            foreach (var id in ofSupplier) Assert.Equal(Math.Round(before[id] * 1.3m, 2), during[id]);
            foreach (var (id, cost) in before.Where(kv => !ofSupplier.Contains(kv.Key))) Assert.Equal(cost, during[id]);
        }
        var changes = await EventsAsync(both.Shocked.Database, "SupplierCostChanged");
        Assert.NotEmpty(changes);

        await both.Shocked.Simulation.AdvanceAsync(2);
        var after = await CostsAsync(both.Shocked.Database);
        foreach (var (id, cost) in before) Assert.True(Math.Abs(after[id] - cost) <= 0.02m, $"{id} costs {after[id]} after the shock, {cost} before");
    }

    [Fact]
    public async Task A_delivery_delay_at_the_australian_3pl_makes_its_orders_arrive_days_later_and_brings_more_tickets()
    {
        await using var both = await PlayBothAsync(12, """{"kind":"delivery_delay","day":1,"days":4,"provider":"au_3pl","days_added":9}""");
        var calmDays = await DeliveryDaysAsync(both.Calm.Database);
        var shockedDays = await DeliveryDaysAsync(both.Shocked.Database);
        Assert.True(shockedDays > calmDays + 4, $"orders placed in the first four days took {shockedDays:0.0} days with the delay, {calmDays:0.0} without");
        Assert.True(await TicketsAsync(both.Shocked.Database, "Where is my order") > await TicketsAsync(both.Calm.Database, "Where is my order"));
    }

    [Fact]
    public async Task A_refund_wave_brings_back_many_more_orders_of_its_product_with_its_reason()
    {
        await using var both = await PlayBothAsync(20, """{"kind":"refund_wave","day":1,"days":8,"product":"p_1","reason":"defective_batch","multiplier":8}""");
        var calmRefunds = await RefundsOfAsync(both.Calm.Database, "p_1", reason: null);
        var waveRefunds = await RefundsOfAsync(both.Shocked.Database, "p_1", "defective_batch");
        Assert.True(waveRefunds >= 5 && waveRefunds > 2 * calmRefunds, $"{waveRefunds} defective_batch refunds of p_1 in the wave, {calmRefunds} refunds of it without");
    }

    [Fact]
    public async Task A_stockout_empties_the_product_and_holds_back_its_deliveries_until_it_ends()
    {
        await using var database = new SeparateDatabase();
        await database.InitializeAsync();
        var simulation = await LiveWorld.SeedAsync(database);
        string productId;
        await using (var context = database.CreateContext())
            productId = (await context.Products.OrderByDescending(p => p.Stock).ThenBy(p => p.Id).FirstAsync()).Id;
        await simulation.AddShocksAsync([$$"""{"kind":"stockout","day":2,"days":9,"product":"{{productId}}"}"""]);

        await simulation.AdvanceAsync(1);
        Assert.True(await StockAsync(database, productId) > 0, "the stockout started before its day");
        await simulation.AdvanceAsync(9);

        Assert.Equal(0, await StockAsync(database, productId));
        var stockOuts = await EventsAsync(database, "StockOut");
        Assert.Contains(stockOuts, data => data.Contains($"\"{productId}\""));
        await using var check = database.CreateContext();
        var sold = await check.OrderLines.Join(check.Orders, l => l.OrderId, o => o.Id, (l, o) => new { l.ProductId, o.PlacedAt })
            .Where(x => x.ProductId == productId && x.PlacedAt >= LiveWorld.AnchorInstant.AddDays(2)).CountAsync();
        Assert.Equal(0, sold);
    }

    private static async Task<int> StockAsync(SeparateDatabase database, string productId)
    {
        await using var context = database.CreateContext();
        return (await context.Products.SingleAsync(p => p.Id == productId)).Stock;
    }

    [Fact]
    public async Task A_demand_drop_in_a_category_sells_fewer_of_its_products_only()
    {
        await using var both = await PlayBothAsync(8, """{"kind":"demand_drop","day":1,"days":8,"category":"beauty","pct":70}""");
        var calmBeauty = await UnitsAsync(both.Calm.Database, "beauty");
        var shockedBeauty = await UnitsAsync(both.Shocked.Database, "beauty");
        Assert.True(shockedBeauty < calmBeauty * 0.6, $"{shockedBeauty} beauty units with the drop, {calmBeauty} without");
    }

    [Fact]
    public async Task A_shock_that_has_not_started_changes_nothing()
    {
        await using var both = await PlayBothAsync(3, """{"kind":"demand_drop","day":10,"days":5,"category":"beauty","pct":90}""");
        Assert.Equal(await UnitsAsync(both.Calm.Database, "beauty"), await UnitsAsync(both.Shocked.Database, "beauty"));
        Assert.Equal(await CostsAsync(both.Calm.Database), await CostsAsync(both.Shocked.Database));
    }

    [Theory]
    [InlineData("""{"kind":"earthquake","day":1}""", "kind")]
    [InlineData("""{"kind":"stockout","product":"p_1"}""", "day")]
    [InlineData("""{"kind":"stockout","day":0,"product":"p_1"}""", "day")]
    [InlineData("""{"kind":"stockout","day":1,"days":-2,"product":"p_1"}""", "days")]
    [InlineData("""{"kind":"stockout","day":1,"product":"p_999"}""", "product")]
    [InlineData("""{"kind":"cpm_spike","day":1,"platform":"myspace","pct":20}""", "platform")]
    [InlineData("""{"kind":"cpm_spike","day":1,"platform":"meta","pct":"lots"}""", "pct")]
    [InlineData("""{"kind":"supplier_cost","day":1,"supplier":"s_9","pct":20}""", "supplier")]
    [InlineData("""{"kind":"delivery_delay","day":1,"provider":"dhl","days_added":3}""", "provider")]
    [InlineData("""{"kind":"refund_wave","day":1,"product":"p_1","multiplier":0.5}""", "multiplier")]
    [InlineData("""{"kind":"demand_drop","day":1,"category":"garden","pct":30}""", "category")]
    [InlineData("""[1,2]""", "json")]
    [InlineData("""{"kind":""", "json")]
    public async Task A_bad_shock_names_its_field_and_adds_nothing(string json, string field)
    {
        await using var database = new SeparateDatabase();
        await database.InitializeAsync();
        var simulation = await LiveWorld.SeedAsync(database);
        string before;
        await using (var context = database.CreateContext()) before = (await context.SandboxStates.SingleAsync()).HiddenState;

        var error = await Assert.ThrowsAsync<InvalidShockException>(() =>
            simulation.AddShocksAsync(["""{"kind":"stockout","day":1,"product":"p_1"}""", json]));

        Assert.Equal(field, error.Field);
        await using var check = database.CreateContext();
        Assert.Equal(before, (await check.SandboxStates.SingleAsync()).HiddenState);
    }

    private sealed record Played(SeparateDatabase Database, LiveSimulation Simulation);

    /// <summary>The same seeded business played without and with the shocks.</summary>
    private sealed record Both(Played Calm, Played Shocked) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Calm.Database.DisposeAsync();
            await Shocked.Database.DisposeAsync();
        }
    }

    private static async Task<Both> PlayBothAsync(int days, params string[] shocks)
    {
        var both = new Both(await SeedAsync(), await SeedAsync());
        await both.Shocked.Simulation.AddShocksAsync(shocks);
        await both.Calm.Simulation.AdvanceAsync(days);
        await both.Shocked.Simulation.AdvanceAsync(days);
        return both;
    }

    private static async Task<Played> SeedAsync()
    {
        var database = new SeparateDatabase();
        await database.InitializeAsync();
        return new Played(database, await LiveWorld.SeedAsync(database));
    }

    private static async Task<double> ClicksPerDollarAsync(SeparateDatabase database, string platform)
    {
        await using var context = database.CreateContext();
        var rows = await context.AdSetDailyMetrics.Where(m => m.Date >= LiveWorld.Anchor)
            .Join(context.AdSets, m => m.AdSetId, a => a.Id, (m, a) => new { m.Clicks, m.Spend, a.CampaignId })
            .Join(context.AdCampaigns, x => x.CampaignId, c => c.Id, (x, c) => new { x.Clicks, x.Spend, c.Platform })
            .Where(x => x.Platform == platform).ToListAsync();
        return rows.Sum(r => r.Clicks) / (double)rows.Sum(r => r.Spend);
    }

    private static async Task<Dictionary<string, decimal>> CostsAsync(SeparateDatabase database)
    {
        await using var context = database.CreateContext();
        return await context.Products.ToDictionaryAsync(p => p.Id, p => p.UnitCost);
    }

    private static async Task<List<string>> EventsAsync(SeparateDatabase database, string type)
    {
        var events = await new EventStore(database.DataSource, TimeProvider.System).ReadAsync(0, 10_000_000);
        return events.Where(e => e.Type == type && e.OccurredAt >= LiveWorld.AnchorInstant).Select(e => e.Data.GetRawText()).ToList();
    }

    private static async Task<double> DeliveryDaysAsync(SeparateDatabase database)
    {
        var firstDays = LiveWorld.AnchorInstant.AddDays(4);
        await using var context = database.CreateContext();
        var orders = await context.Orders.Where(o => o.PlacedAt >= LiveWorld.AnchorInstant && o.PlacedAt < firstDays
            && o.DeliveredAt != null && o.LiveShowId == null && o.ShippingCountry == "AU").ToListAsync();
        Assert.NotEmpty(orders);
        return orders.Average(o => (o.DeliveredAt!.Value - o.PlacedAt).TotalDays);
    }

    private static async Task<int> TicketsAsync(SeparateDatabase database, string subject)
    {
        await using var context = database.CreateContext();
        return await context.SupportTickets.CountAsync(t => t.CreatedAt >= LiveWorld.AnchorInstant && t.Subject.StartsWith(subject));
    }

    private static async Task<int> RefundsOfAsync(SeparateDatabase database, string productId, string? reason)
    {
        await using var context = database.CreateContext();
        var refunds = context.Refunds.Where(r => r.RequestedAt >= LiveWorld.AnchorInstant && (reason == null || r.Reason == reason));
        return await refunds.Join(context.OrderLines.Where(l => l.ProductId == productId), r => r.OrderId, l => l.OrderId, (r, l) => r.Id).Distinct().CountAsync();
    }

    private static async Task<int> UnitsAsync(SeparateDatabase database, string category)
    {
        await using var context = database.CreateContext();
        return await context.OrderLines
            .Join(context.Orders.Where(o => o.PlacedAt >= LiveWorld.AnchorInstant), l => l.OrderId, o => o.Id, (l, o) => l)
            .Join(context.Products.Where(p => p.Category == category), l => l.ProductId, p => p.Id, (l, p) => l.Quantity).SumAsync();
    }
}
