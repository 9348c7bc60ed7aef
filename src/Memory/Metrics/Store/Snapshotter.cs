using System.Diagnostics;
using LiveShop.Memory.Metrics.Quantities;
using Microsoft.Extensions.Options;

namespace LiveShop.Memory.Metrics.Store;

/// <summary>What a snapshot or backfill wrote.</summary>
/// <param name="From">First hour written.</param>
/// <param name="To">End of the last hour written (excluded).</param>
/// <param name="Rows">Hourly rows written, over every grain and entity.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record SnapshotReport(DateTimeOffset From, DateTimeOffset To, int Rows, TimeSpan Elapsed);

/// <summary>
/// Captures the business into the metrics store: one business-hour at every grain (<see cref="SnapshotAsync"/>), or a
/// range of hours in one set-based statement (<see cref="BackfillAsync"/>, for the seeded history). Idempotent: writing an
/// hour again replaces it with what the business says now (a refund that came later raises that hour's refund rate), and
/// its day is rolled up again.
/// </summary>
public sealed class Snapshotter(MetricSeriesTable table, IOptions<MetricsStoreOptions> options, TimeProvider time)
{
    /// <summary>Writes the business-hour starting at <paramref name="hourStart"/> (a whole UTC hour) at every grain.</summary>
    public async Task<SnapshotReport> SnapshotAsync(DateTimeOffset hourStart, CancellationToken cancellationToken)
    {
        var hour = HourStart(hourStart, nameof(hourStart));
        // An hour whose day lost its other hours to retention would roll that day up from itself alone.
        if (await table.NewestHourAsync(cancellationToken) is { } newest && hour < KeepHoursFrom(newest))
            throw new ArgumentOutOfRangeException(nameof(hourStart), hourStart,
                $"hours before {KeepHoursFrom(newest):O} are no longer kept hourly (Metrics:HourlyRetentionDays); their days are already rolled up");
        return await WriteAsync(hour, hour.AddHours(1), cancellationToken);
    }

    /// <summary>Writes every hour from <paramref name="from"/> (included) to <paramref name="to"/> (excluded), both whole UTC hours.</summary>
    public Task<SnapshotReport> BackfillAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (start, end) = (HourStart(from, nameof(from)), HourStart(to, nameof(to)));
        if (end <= start) throw new ArgumentOutOfRangeException(nameof(to), to, "the backfill must end after it starts");
        return WriteAsync(start, end, cancellationToken);
    }

    private async Task<SnapshotReport> WriteAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rows = await table.ReplaceAsync(from, to, KeepHoursFrom(to.AddHours(-1)), CashRunway.CashAccountCodes, CashRunway.BurnDays,
            time.GetUtcNow().ToUniversalTime(), cancellationToken);
        return new SnapshotReport(from, to, rows, clock.Elapsed);
    }

    // Retention counts whole days back from the newest hour's day, never the wall clock, so a simulated business keeps its
    // hours as a live one does.
    private DateTimeOffset KeepHoursFrom(DateTimeOffset newestHour) =>
        MetricSeriesTable.StartOfDay(newestHour).AddDays(-options.Value.HourlyRetentionDays);

    private static DateTimeOffset HourStart(DateTimeOffset at, string name)
    {
        var utc = at.ToUniversalTime();
        if (utc.Ticks % TimeSpan.TicksPerHour != 0) throw new ArgumentException($"{utc:O} is not the start of an hour", name);
        return utc;
    }
}
