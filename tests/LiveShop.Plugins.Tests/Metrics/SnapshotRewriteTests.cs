using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Metrics.Quantities;
using LiveShop.Memory.Metrics.Store;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Plugins.Tests.Metrics;

/// <summary>Snapshots replace what they wrote before, and retention drops old hours once their days are rolled up.</summary>
public sealed class SnapshotRewriteTests(MetricsBusiness business) : IClassFixture<MetricsBusiness>
{
    private async Task<long> CountAsync(string where)
    {
        await using var command = business.OwnerDataSource.CreateCommand($"SELECT count(*) FROM metric_series WHERE {where}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Snapshotting_an_hour_again_replaces_it_with_what_the_business_says_now()
    {
        await using var db = business.CreateContext();
        var hour = MetricsBusiness.End.AddDays(-3).AddHours(14);
        var window = new TimeWindow(hour, hour.AddHours(1));
        var order = await db.Orders.AsNoTracking().PlacedIn(window)
            .Where(o => !db.Refunds.Any(r => r.OrderId == o.Id)).OrderBy(o => o.Id).FirstAsync();
        var rowsBefore = await CountAsync("true");
        var first = await business.Snapshotter().SnapshotAsync(hour, CancellationToken.None);
        var again = await business.Snapshotter().SnapshotAsync(hour, CancellationToken.None);

        Assert.Equal(first.Rows, again.Rows);
        Assert.Equal(rowsBefore, await CountAsync("true"));
        var before = Assert.Single(await business.Store.QueryAsync("refund_rate", MetricGrains.Business, null, hour, hour.AddHours(1), MetricResolutions.Hour));

        // A refund that came later counts against the hour its order was placed in once the hour is written again.
        db.Refunds.Add(new Refund
        {
            Id = "re_metrics_late", OrderId = order.Id, CustomerId = order.CustomerId, Amount = 1m, Reason = "damaged", Status = "requested",
            RequestedAt = MetricsBusiness.End,
        });
        await db.SaveChangesAsync();
        await business.Snapshotter().SnapshotAsync(hour, CancellationToken.None);

        var sales = await SalesOutcomes.OfAsync(db, window, null, CancellationToken.None);
        var after = Assert.Single(await business.Store.QueryAsync("refund_rate", MetricGrains.Business, null, hour, hour.AddHours(1), MetricResolutions.Hour));
        Assert.Equal(sales.RefundRatePct, after.Value);
        Assert.True(after.Value > before.Value);
        var day = MetricSeriesTable.StartOfDay(hour);
        var daily = Assert.Single(await business.Store.QueryAsync("refund_rate", MetricGrains.Business, null, day, day.AddDays(1), MetricResolutions.Day));
        Assert.Equal((await SalesOutcomes.OfAsync(db, new TimeWindow(day, day.AddDays(1)), null, CancellationToken.None)).RefundRatePct, daily.Value);
        Assert.Equal(rowsBefore, await CountAsync("true"));
    }

    [Fact]
    public async Task Retention_deletes_hours_older_than_the_setting_and_keeps_their_days()
    {
        var keepFrom = MetricsBusiness.End.AddDays(-1 - 5);
        Assert.True(await CountAsync($"resolution = 'hour' AND at < '{keepFrom:O}'") > 0);
        var daysBefore = await CountAsync("resolution = 'day'");

        await business.Snapshotter(retentionDays: 5).SnapshotAsync(MetricsBusiness.End.AddHours(-1), CancellationToken.None);

        Assert.Equal(0, await CountAsync($"resolution = 'hour' AND at < '{keepFrom:O}'"));
        Assert.True(await CountAsync($"resolution = 'hour' AND at >= '{keepFrom:O}'") > 0);
        Assert.Equal(daysBefore, await CountAsync("resolution = 'day'"));
        var old = MetricsBusiness.Start.AddDays(1);
        Assert.Single(await business.Store.QueryAsync("revenue", MetricGrains.Business, null, old, old.AddDays(1), MetricResolutions.Day));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => business.Snapshotter(retentionDays: 5).SnapshotAsync(old.AddHours(3), CancellationToken.None));
    }

    [Fact]
    public async Task The_store_refuses_unknown_metrics_grains_the_metric_lacks_and_unknown_entities_naming_the_field()
    {
        var from = MetricsBusiness.Start;
        var unknown = await Assert.ThrowsAsync<MetricQueryException>(() => business.Store.QueryAsync("happiness", MetricGrains.Business, null, from, from.AddDays(1)));
        Assert.Equal("metric", unknown.Field);
        Assert.Contains("roas", unknown.Message);
        Assert.Equal("grain", (await Assert.ThrowsAsync<MetricQueryException>(() => business.Store.QueryAsync("cash", MetricGrains.Product, "p_1", from, from.AddDays(1)))).Field);
        Assert.Equal("id", (await Assert.ThrowsAsync<MetricQueryException>(() => business.Store.QueryAsync("revenue", MetricGrains.Product, "p_nope", from, from.AddDays(1)))).Field);
        Assert.Equal("id", (await Assert.ThrowsAsync<MetricQueryException>(() => business.Store.QueryAsync("revenue", MetricGrains.Product, null, from, from.AddDays(1)))).Field);
        Assert.Equal("to", (await Assert.ThrowsAsync<MetricQueryException>(() => business.Store.QueryAsync("revenue", MetricGrains.Business, null, from, from))).Field);
    }
}
