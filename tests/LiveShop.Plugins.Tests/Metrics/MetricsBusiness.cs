using LiveShop.Memory.Events;
using LiveShop.Memory.Metrics.Store;
using LiveShop.Plugins.Sandbox.Seeding;
using LiveShop.Testing;
using Microsoft.Extensions.Options;

namespace LiveShop.Plugins.Tests.Metrics;

/// <summary>A database holding 21 days of the sandbox business, backfilled into the metrics store as seeding does.</summary>
public sealed class MetricsBusiness : TestDatabase, IAsyncLifetime
{
    public const int Days = 21;
    public static readonly DateOnly Anchor = new(2026, 11, 25);
    public static readonly DateTimeOffset End = new(Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public static readonly DateTimeOffset Start = End.AddDays(-Days);

    public MetricSeriesTable Table { get; private set; } = null!;

    public MetricsStore Store { get; private set; } = null!;

    /// <summary>A snapshotter keeping <paramref name="retentionDays"/> days of hours (default: all of the history).</summary>
    public Snapshotter Snapshotter(int retentionDays = 365) =>
        new(Table, Options.Create(new MetricsStoreOptions { HourlyRetentionDays = retentionDays }), TimeProvider.System);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new SandboxSeeder(CreateContext, new EventStore(DataSource, TimeProvider.System))
            .SeedAsync(new SeedOptions { Seed = 42, Days = Days, AnchorDate = Anchor });
        Table = new MetricSeriesTable(DataSource);
        Store = new MetricsStore(Table);
        await Snapshotter().BackfillAsync(Start, End, CancellationToken.None);
    }
}
