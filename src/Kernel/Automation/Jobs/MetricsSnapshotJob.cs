using LiveShop.Memory.Metrics.Store;

namespace LiveShop.Kernel.Automation.Jobs;

/// <summary>
/// <c>metrics_snapshot</c>: writes the last complete business-hour into the metrics store, and every hour missed since the
/// newest one stored (a host that was down, a simulated day that jumped the clock) in the same set-based write, so the
/// series has no holes. Runs a minute past the hour so the hour's last writes have landed.
/// </summary>
public sealed class MetricsSnapshotJob(Snapshotter snapshotter, MetricSeriesTable series) : IBusinessJob
{
    /// <inheritdoc />
    public string Name => "metrics_snapshot";

    /// <inheritdoc />
    public string DefaultCron => "0 1 * * * ?";

    /// <inheritdoc />
    public string Description => "Snapshot the last business-hour (and any hours missed) into the metrics store at every grain.";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var now = context.BusinessNow.ToUniversalTime();
        var end = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var newest = await series.NewestHourAsync(cancellationToken);
        if (newest is { } stored && stored.AddHours(1) >= end)
        {
            var again = await snapshotter.SnapshotAsync(end.AddHours(-1), cancellationToken);
            return new BusinessJobResult($"snapshotted {again.From:yyyy-MM-dd HH}:00 again: {again.Rows} rows in {again.Elapsed.TotalMilliseconds:0} ms");
        }
        var from = newest is { } last ? last.AddHours(1) : end.AddHours(-1);
        var report = await snapshotter.BackfillAsync(from, end, cancellationToken);
        return new BusinessJobResult(
            $"snapshotted {(report.To - report.From).TotalHours:0} hour(s) {report.From:yyyy-MM-dd HH}:00 .. {report.To:yyyy-MM-dd HH}:00: {report.Rows} rows in {report.Elapsed.TotalMilliseconds:0} ms");
    }
}
