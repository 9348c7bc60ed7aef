using System.Diagnostics;
using System.Globalization;
using LiveShop.Memory.Database;
using LiveShop.Memory.Metrics.Quantities;
using LiveShop.Memory.Metrics.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Bench.Verbs.Metrics;

/// <summary>What <see cref="SnapshotterBenchmark"/> measured.</summary>
public sealed record SnapshotterBenchmarkReport(int Days, int HourlyRows, double BackfillSeconds, double HourP50Ms, double HourMaxMs, int HourRows,
    double BaselineP50Ms)
{
    /// <summary>The figures, one <c>name: value</c> per line.</summary>
    public IEnumerable<string> RenderLines()
    {
        yield return $"days: {Days}";
        yield return $"backfill_seconds: {F(BackfillSeconds)}";
        yield return $"backfill_hourly_rows: {HourlyRows}";
        yield return $"hour_snapshot_p50_ms: {F(HourP50Ms)}";
        yield return $"hour_snapshot_max_ms: {F(HourMaxMs)}";
        yield return $"hour_snapshot_rows: {HourRows}";
        yield return $"baseline_sales_outcomes_30d_p50_ms: {F(BaselineP50Ms)}";
        yield return $"ratio_hour_snapshot_to_baseline: {F(HourP50Ms / BaselineP50Ms)}";
        yield return $"target_hour_snapshot_under_1s: {(HourMaxMs < 1000 ? "met" : "missed")}";
        yield return $"target_backfill_90d_under_30s: {(Days < 90 ? "not measured (fewer than 90 days)" : BackfillSeconds < 30 ? "met" : "missed")}";
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>
/// The metrics store's write path over a seeded business: the backfill of the whole history, then one business-hour at
/// every grain, repeated; the baseline is the dashboard's 30-day sales query (<see cref="SalesOutcomes"/>) on the same
/// database in the same run.
/// </summary>
public sealed class SnapshotterBenchmark
{
    public async Task<SnapshotterBenchmarkReport> RunAsync(NpgsqlDataSource dataSource, DateTimeOffset historyStart, DateTimeOffset historyEnd, int rounds,
        CancellationToken cancellationToken)
    {
        var snapshotter = new Snapshotter(new MetricSeriesTable(dataSource), Options.Create(new MetricsStoreOptions { HourlyRetentionDays = 3650 }),
            TimeProvider.System);
        var backfill = await snapshotter.BackfillAsync(historyStart, historyEnd, cancellationToken);

        var lastHour = historyEnd.AddHours(-1);
        var hours = new List<double>();
        var rows = 0;
        for (var i = 0; i < rounds + 1; i++)
        {
            var report = await snapshotter.SnapshotAsync(lastHour.AddHours(-(i % 24)), cancellationToken);
            if (i > 0) hours.Add(report.Elapsed.TotalMilliseconds); // the first round warms plans and connections
            rows = report.Rows;
        }

        var baseline = new List<double>();
        for (var i = 0; i < rounds + 1; i++)
        {
            await using var db = LiveShopDataSource.CreateContext(dataSource);
            var clock = Stopwatch.StartNew();
            await SalesOutcomes.OfAsync(db, TimeWindow.Trailing(historyEnd, 30), null, cancellationToken);
            if (i > 0) baseline.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new SnapshotterBenchmarkReport((int)(historyEnd - historyStart).TotalDays, backfill.Rows, backfill.Elapsed.TotalSeconds, Median(hours),
            hours.Max(), rows, Median(baseline));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
