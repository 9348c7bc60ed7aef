using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Memory.Metrics.Store;

namespace LiveShop.Plugins.Tests.Metrics;

/// <summary>The hourly job writes the last complete business-hour and every hour missed since the newest stored one.</summary>
public sealed class MetricsSnapshotJobTests(MetricsBusiness business) : IClassFixture<MetricsBusiness>
{
    [Fact]
    public async Task A_run_after_downtime_fills_every_missed_hour_and_a_second_run_rewrites_only_the_last()
    {
        var job = new MetricsSnapshotJob(business.Snapshotter(), business.Table);
        var now = MetricsBusiness.End.AddHours(5).AddMinutes(30);

        var first = await job.RunAsync(new BusinessJobContext(now), CancellationToken.None);

        Assert.Equal(MetricsBusiness.End.AddHours(4), await business.Table.NewestHourAsync(CancellationToken.None));
        var hours = await business.Store.QueryAsync("orders", MetricGrains.Business, null, MetricsBusiness.End, now, MetricResolutions.Hour);
        Assert.Equal(5, hours.Count);
        Assert.Contains("5 hour(s)", first.Summary);

        var second = await job.RunAsync(new BusinessJobContext(now.AddMinutes(10)), CancellationToken.None);
        Assert.Contains("again", second.Summary);
        Assert.Equal(MetricsBusiness.End.AddHours(4), await business.Table.NewestHourAsync(CancellationToken.None));
        Assert.Equal(0, second.ActionsRequested);
    }
}
