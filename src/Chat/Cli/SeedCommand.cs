using System.CommandLine;
using System.Globalization;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Metrics.Store;

namespace LiveShop.Chat.Cli;

/// <summary><c>seed [--seed N] [--days D]</c>: write the sandbox business into an empty database.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        // Read when a default is needed (help, a run), inside the verb's error handling, never while the verb tree is built.
        var defaults = new Lazy<LiveShopOptions>(() => LiveShopConfiguration.Build().GetLiveShopOptions());
        var seed = new Option<int>("--seed") { Description = "Seed number: the same seed writes the same business", DefaultValueFactory = _ => defaults.Value.SandboxSeed };
        var days = new Option<int>("--days") { Description = "Days of history ending today", DefaultValueFactory = _ => defaults.Value.SandboxDays };
        var command = new Command("seed", "Write the sandbox business (products, orders, ads, live shows, ledger, events) into an empty database.") { seed, days };
        command.SetAction(async (result, cancellationToken) =>
        {
            var dayCount = result.GetValue(days);
            if (dayCount is < 1 or > 3650)
            {
                result.Error().WriteLine("liveshop: --days must be between 1 and 3650");
                return LiveShopCli.UsageExitCode;
            }
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var seeder = StartupSeeding.CreateSeeder(dataSource);
            if (!await seeder.IsEmptyAsync(cancellationToken))
            {
                result.Error().WriteLine("liveshop: the database already holds a business; seeding writes only into an empty one (./liveshop db reset --yes empties the private database)");
                return 1;
            }
            var report = await seeder.SeedAsync(StartupSeeding.SeedOptionsFor(result.GetValue(seed), dayCount), cancellationToken);
            var output = result.Out();
            output.WriteLine($"seed: {report.Seed}");
            output.WriteLine($"days: {report.FirstDay:yyyy-MM-dd} .. {report.AnchorDate.AddDays(-1):yyyy-MM-dd}");
            foreach (var (table, rows) in report.RowsPerTable.OrderBy(r => r.Key, StringComparer.Ordinal))
                output.WriteLine($"{table}: {rows.ToString(CultureInfo.InvariantCulture)}");
            output.WriteLine($"events: {report.EventsWritten}");
            var metrics = await StartupSeeding.BackfillMetricsAsync(host.Services.GetRequiredService<Snapshotter>(), report, cancellationToken);
            output.WriteLine($"metric_series hourly rows: {metrics.Rows.ToString(CultureInfo.InvariantCulture)} ({metrics.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
            output.WriteLine($"seconds: {report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}");
            await StartupSeeding.LoadStarterKnowledgeIfEmptyAsync(dataSource, KnowledgeServices.CreateEmbedder(configuration), result.Error(), cancellationToken);
            return 0;
        });
        return command;
    }
}
