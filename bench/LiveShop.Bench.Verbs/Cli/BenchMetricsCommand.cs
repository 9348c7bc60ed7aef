using System.CommandLine;
using LiveShop.Bench.Verbs.Metrics;
using LiveShop.Chat.Cli;
using LiveShop.Chat.Hosting;
using LiveShop.Plugins.Sandbox.Seeding;

namespace LiveShop.Bench.Verbs.Cli;

/// <summary>
/// <c>bench metrics [--days 90] [--products N] [--rounds 20]</c>: seeds the sandbox business into a scratch database, then
/// times the metrics store's backfill of the whole history and a one-hour snapshot at every grain, against the dashboard's
/// 30-day sales query in the same run. Targets: one hour under 1 s, 90 days under 30 s.
/// </summary>
internal static class BenchMetricsCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Days of sandbox history to seed and backfill", DefaultValueFactory = _ => 90 };
        var products = new Option<int?>("--products") { Description = "Products in the catalogue (default: the standard catalogue)" };
        var rounds = new Option<int>("--rounds") { Description = "One-hour snapshots (and baseline queries) measured", DefaultValueFactory = _ => 20 };
        var command = new Command("metrics", "Metrics store snapshot and backfill time versus the dashboard's 30-day sales query.") { days, products, rounds };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (d, p, r) = (result.GetValue(days), result.GetValue(products), result.GetValue(rounds));
            if (d is < 1 or > 365 || p is < 1 || r < 1)
            {
                result.Error().WriteLine("liveshop: --days must be between 1 and 365, --products and --rounds positive");
                return LiveShopCli.UsageExitCode;
            }
            await using var scratch = await BenchCommand.OpenScratchAsync("benchmetrics", cancellationToken);
            result.Error().WriteLine($"seeding {d} days of the sandbox business into {scratch.Name}…");
            var seed = StartupSeeding.SeedOptionsFor(42, d) with { ProductCount = p };
            var seeded = await StartupSeeding.CreateSeeder(scratch.DataSource).SeedAsync(seed, cancellationToken);
            var start = new DateTimeOffset(seeded.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var end = new DateTimeOffset(seeded.AnchorDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            result.Out().WriteLine($"orders: {seeded.RowsPerTable["orders"]}");
            result.Out().WriteLine($"products: {seeded.RowsPerTable["products"]}");
            result.Out().WriteLine($"ad_sets: {seeded.RowsPerTable["ad_sets"]}");
            var report = await new SnapshotterBenchmark().RunAsync(scratch.DataSource, start, end, r, cancellationToken);
            foreach (var line in report.RenderLines()) result.Out().WriteLine(line);
            return 0;
        });
        return command;
    }
}
