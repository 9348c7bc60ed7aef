using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Memory.Knowledge;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Metrics.Store;
using LiveShop.Plugins.Sandbox.Seeding;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Writes the sandbox business into an empty database so a newcomer sees a living shop.</summary>
public static class StartupSeeding
{
    /// <summary>
    /// Seeds when configured to and the database holds no business, then loads the starter knowledge into an empty
    /// knowledge base; prints what it wrote.
    /// </summary>
    public static async Task SeedIfEmptyAsync(NpgsqlDataSource dataSource, LiveShopOptions options, ITextEmbedder embedder, Snapshotter snapshotter,
        TextWriter log, CancellationToken cancellationToken)
    {
        if (!options.SeedWhenEmpty) return;
        var seeder = CreateSeeder(dataSource);
        if (await seeder.IsEmptyAsync(cancellationToken))
        {
            log.WriteLine($"writing the sandbox business ({options.SandboxDays} days, seed {options.SandboxSeed})…");
            var report = await seeder.SeedAsync(SeedOptionsFor(options.SandboxSeed, options.SandboxDays), cancellationToken);
            log.WriteLine($"sandbox business written: {report.TotalRows} rows, {report.EventsWritten} events in {report.Elapsed.TotalSeconds:0.0} s");
            var metrics = await BackfillMetricsAsync(snapshotter, report, cancellationToken);
            log.WriteLine($"metrics store backfilled: {metrics.Rows} hourly rows in {metrics.Elapsed.TotalSeconds:0.0} s");
        }
        await LoadStarterKnowledgeIfEmptyAsync(dataSource, embedder, log, cancellationToken);
    }

    /// <summary>Ingests the shipped starter knowledge (policies, SOPs, playbooks) when the knowledge base holds no document.</summary>
    public static async Task LoadStarterKnowledgeIfEmptyAsync(NpgsqlDataSource dataSource, ITextEmbedder embedder, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = StarterKnowledge.Directory;
        if (folder is null) return;
        await using (var context = LiveShopDataSource.CreateContext(dataSource))
            if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(context.KnowledgeDocuments, cancellationToken)) return;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await new KnowledgeIngestor(dataSource, embedder, TimeProvider.System).IngestAsync([folder], cancellationToken);
        var stored = outcomes.Where(o => o.Status != IngestStatus.Failed).ToList();
        log.WriteLine($"starter knowledge loaded: {stored.Count} documents, {stored.Sum(o => o.Chunks)} chunks in {started.Elapsed.TotalSeconds:0.0} s");
        foreach (var failed in outcomes.Where(o => o.Status == IngestStatus.Failed))
            log.WriteLine($"starter knowledge: {failed.Source} failed: {failed.Reason}");
    }

    /// <summary>Writes the seeded history into the metrics store: every hour from its first day to the anchor day's midnight.</summary>
    public static Task<SnapshotReport> BackfillMetricsAsync(Snapshotter snapshotter, SeedReport report, CancellationToken cancellationToken) =>
        snapshotter.BackfillAsync(Midnight(report.FirstDay), Midnight(report.AnchorDate), cancellationToken);

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The seeder over a database.</summary>
    public static SandboxSeeder CreateSeeder(NpgsqlDataSource dataSource) =>
        new(() => LiveShopDataSource.CreateContext(dataSource), new EventStore(dataSource, TimeProvider.System));

    /// <summary>History ending today (UTC), so the console's "last 30 days" is the seeded business.</summary>
    public static SeedOptions SeedOptionsFor(int seed, int days) =>
        new() { Seed = seed, Days = days, AnchorDate = DateOnly.FromDateTime(DateTime.UtcNow) };
}
