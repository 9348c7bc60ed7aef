using LiveShop.Memory.Metrics.Quantities;
using LiveShop.Memory.Metrics.Store;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Metrics;

/// <summary>The snapshot says what the business quantities say, for the same window, at every grain.</summary>
public sealed class SnapshotterTests(MetricsBusiness business) : IClassFixture<MetricsBusiness>
{
    private static readonly DateTimeOffset Day = MetricsBusiness.End.AddDays(-10);
    private static readonly TimeWindow DayWindow = new(Day, Day.AddDays(1));

    private async Task<decimal?> DailyAsync(string metric, string grain = MetricGrains.Business, string? id = null) =>
        Assert.Single(await business.Store.QueryAsync(metric, grain, id, Day, Day.AddDays(1), MetricResolutions.Day)).Value;

    [Fact]
    public async Task A_day_of_the_business_equals_the_sales_outcomes_of_that_day()
    {
        await using var db = business.CreateContext();
        var sales = await SalesOutcomes.OfAsync(db, DayWindow, channel: null, CancellationToken.None);
        Assert.True(sales.Orders > 0);

        Assert.Equal(sales.Orders, await DailyAsync("orders"));
        Assert.Equal(sales.Revenue, await DailyAsync("revenue"));
        Assert.Equal(sales.RefundRatePct, await DailyAsync("refund_rate"));
        Assert.Equal(sales.ChargebackRatePct, await DailyAsync("chargeback_rate"));
        Assert.Equal(sales.ContributionMargin, SalesMargins.Reported((await DailyAsync("contribution_margin"))!.Value));
        Assert.Equal(Math.Round(sales.Revenue / sales.Orders, 2), Math.Round((await DailyAsync("aov"))!.Value, 2));
    }

    [Fact]
    public async Task A_channel_and_a_product_equal_their_sales_outcomes_and_line_margins()
    {
        await using var db = business.CreateContext();
        var channel = await db.Orders.Where(o => o.PlacedAt >= DayWindow.From && o.PlacedAt < DayWindow.To).Select(o => o.Channel).FirstAsync();
        var sales = await SalesOutcomes.OfAsync(db, DayWindow, channel, CancellationToken.None);
        Assert.Equal(sales.Orders, await DailyAsync("orders", MetricGrains.Channel, channel));
        Assert.Equal(sales.Revenue, await DailyAsync("revenue", MetricGrains.Channel, channel));
        Assert.Equal(sales.RefundRatePct, await DailyAsync("refund_rate", MetricGrains.Channel, channel));

        var lines = await SalesMargins.OfAsync(db, db.Orders.AsNoTracking().PlacedIn(DayWindow), CancellationToken.None);
        var (product, margin) = lines.ByProduct().OrderBy(p => p.Key, StringComparer.Ordinal).First();
        Assert.Equal(SalesMargins.Reported(margin), SalesMargins.Reported((await DailyAsync("contribution_margin", MetricGrains.Product, product))!.Value));
        Assert.Equal(lines.Where(l => l.ProductId == product).Sum(l => l.Revenue), await DailyAsync("revenue", MetricGrains.Product, product));
        Assert.Equal(lines.Where(l => l.ProductId == product).Select(l => l.OrderId).Distinct().Count(), await DailyAsync("orders", MetricGrains.Product, product));
    }

    [Fact]
    public async Task Ad_figures_equal_the_days_ad_metrics_and_roas_is_recomputed_from_them()
    {
        await using var db = business.CreateContext();
        var date = DateOnly.FromDateTime(Day.UtcDateTime);
        var metrics = await db.AdSetDailyMetrics.Where(m => m.Date == date).ToListAsync();
        Assert.NotEmpty(metrics);
        var (spend, revenue) = (metrics.Sum(m => m.Spend), metrics.Sum(m => m.Revenue));

        Assert.Equal(Math.Round(spend, 2), Math.Round((await DailyAsync("ad_spend"))!.Value, 2));
        Assert.Equal(Math.Round(Roas.Of(revenue, spend)!.Value, 6), Math.Round((await DailyAsync("roas"))!.Value, 6));
        var one = metrics.OrderBy(m => m.AdSetId, StringComparer.Ordinal).First(m => m.Spend > 0);
        Assert.Equal(Math.Round(Roas.Of(one.Revenue, one.Spend)!.Value, 6), Math.Round((await DailyAsync("roas", MetricGrains.AdSet, one.AdSetId))!.Value, 6));
        Assert.Equal(Math.Round(one.Spend, 2), Math.Round((await DailyAsync("ad_spend", MetricGrains.AdSet, one.AdSetId))!.Value, 2));
    }

    [Fact]
    public async Task Cash_and_runway_at_a_days_end_equal_the_cash_runway_definition()
    {
        await using var db = business.CreateContext();
        var position = await CashRunway.ReadAsync(db, Day.AddDays(1), CancellationToken.None);

        Assert.Equal(position.Balance, await DailyAsync("cash"));
        var runway = await DailyAsync("runway_days");
        Assert.Equal(position.RunwayDays is { } d ? Math.Round(d, 6) : (decimal?)null, runway is { } r ? Math.Round(r, 6) : (decimal?)null);
    }

    [Fact]
    public async Task Delivery_days_are_the_average_wait_of_the_orders_delivered_that_day()
    {
        await using var db = business.CreateContext();
        var delivered = await db.Orders.Where(o => o.DeliveredAt >= DayWindow.From && o.DeliveredAt < DayWindow.To)
            .Select(o => new { o.PlacedAt, DeliveredAt = o.DeliveredAt!.Value }).ToListAsync();
        Assert.NotEmpty(delivered);
        var expected = (decimal)delivered.Average(o => (o.DeliveredAt - o.PlacedAt).TotalDays);

        Assert.Equal(Math.Round(expected, 4), Math.Round((await DailyAsync("delivery_sla_days"))!.Value, 4));
    }

    [Fact]
    public async Task Stock_at_the_end_of_the_history_is_the_stock_the_products_hold_now()
    {
        await using var db = business.CreateContext();
        var lastHour = MetricsBusiness.End.AddHours(-1);
        var products = await db.Products.ToListAsync();

        var stock = Assert.Single(await business.Store.QueryAsync("stock", MetricGrains.Business, null, lastHour, MetricsBusiness.End, MetricResolutions.Hour));
        Assert.Equal(products.Sum(p => p.Stock), stock.Value);
        var stockouts = Assert.Single(await business.Store.QueryAsync("stockouts", MetricGrains.Business, null, lastHour, MetricsBusiness.End, MetricResolutions.Hour));
        Assert.Equal(products.Count(p => p.Status == Stockout.ActiveStatus && p.Stock <= 0), stockouts.Value);
        var product = products.OrderBy(p => p.Id, StringComparer.Ordinal).First();
        var one = Assert.Single(await business.Store.QueryAsync("stock", MetricGrains.Product, product.Id, lastHour, MetricsBusiness.End, MetricResolutions.Hour));
        Assert.Equal(product.Stock, one.Value);
    }

    [Fact]
    public async Task A_day_sums_its_hours_flows_keeps_its_last_hours_levels_and_recomputes_its_ratios()
    {
        var hours = await business.Table.ReadAsync(MetricGrains.Business, MetricGrains.BusinessId, MetricResolutions.Hour, Day, Day.AddDays(1), CancellationToken.None);
        var day = Assert.Single(await business.Table.ReadAsync(MetricGrains.Business, MetricGrains.BusinessId, MetricResolutions.Day, Day, Day.AddDays(1), CancellationToken.None));

        Assert.Equal(24, hours.Count);
        Assert.Equal(hours.Sum(h => h.Components.Revenue), day.Components.Revenue);
        Assert.Equal(hours.Sum(h => h.Components.Orders), day.Components.Orders);
        Assert.Equal(hours.Sum(h => h.Components.Margin), day.Components.Margin);
        Assert.Equal(hours[^1].Components.Stock, day.Components.Stock);
        Assert.Equal(hours[^1].Components.Cash, day.Components.Cash);
        var roas = MetricCatalog.Find("roas")!.Value;
        Assert.Equal(Roas.Of(hours.Sum(h => h.Components.AdRevenue!.Value), hours.Sum(h => h.Components.AdSpend!.Value)), roas(day.Components));
    }
}
