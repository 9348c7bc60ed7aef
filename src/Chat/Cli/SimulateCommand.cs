using System.CommandLine;
using System.Globalization;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Plugins.Sandbox.Seeding;
using Npgsql;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>simulate --days N [--seed S] [--scratch] [--products P]</c>: runs the sandbox business ahead in simulated time and
/// prints a summary, one <c>name: value</c> per line. <c>--scratch</c> plays a freshly seeded business (fixed anchor date)
/// in a throwaway database, so the same seed always prints the same figures (only the timings differ).
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The fixed anchor of scratch runs: history ends the day before, simulation starts on it.</summary>
    public static readonly DateOnly ScratchAnchor = new(2026, 1, 1);

    public static Command Create()
    {
        // Read when the default is needed (help, a run), inside the verb's error handling, never while the verb tree is built.
        var configuration = new Lazy<LiveShopOptions>(() => LiveShopConfiguration.Build().GetLiveShopOptions());
        var days = new Option<int>("--days") { Description = "Simulated days to run ahead", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of a scratch business (--scratch)", DefaultValueFactory = _ => configuration.Value.SandboxSeed };
        var scratch = new Option<bool>("--scratch") { Description = "Play a freshly seeded business in a throwaway database" };
        var products = new Option<int?>("--products") { Description = "Products in the scratch business's catalogue (default: the standard catalogue)" };
        var history = new Option<int>("--history-days") { Description = "Days of history seeded before a scratch run", DefaultValueFactory = _ => 30 };
        var command = new Command("simulate", "Run the sandbox business ahead in simulated time and print what happened.") { days, seed, scratch, products, history };
        command.SetAction(async (result, cancellationToken) =>
        {
            var dayCount = result.GetValue(days);
            var productCount = result.GetValue(products);
            var historyDays = result.GetValue(history);
            if (dayCount is < 1 or > 3650 || productCount is < 1 or > 5000 || historyDays is < 1 or > 3650)
            {
                result.Error().WriteLine("liveshop: --days and --history-days must be between 1 and 3650, --products between 1 and 5000");
                return LiveShopCli.UsageExitCode;
            }
            if (!result.GetValue(scratch))
            {
                if (productCount is not null) result.Error().WriteLine("liveshop: --products applies to --scratch runs only; playing the business as it is");
                await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
                var dataSource = host.DataSource;
                var simulation = Simulation(dataSource);
                if (await simulation.GetPositionAsync(cancellationToken) is null)
                {
                    result.Error().WriteLine("liveshop: the database holds no sandbox business to simulate (./liveshop seed writes one)");
                    return 1;
                }
                Print(result.Out(), await simulation.AdvanceAsync(dayCount, cancellationToken));
                return 0;
            }

            await using var scratchDatabase = await DatabaseBootstrap.OpenScratchAsync(LiveShopConfiguration.Build(), "simulate", cancellationToken);
            var seeder = new SandboxSeeder(() => LiveShopDataSource.CreateContext(scratchDatabase.DataSource),
                new EventStore(scratchDatabase.DataSource, TimeProvider.System));
            var seeded = await seeder.SeedAsync(new SeedOptions
            {
                Seed = result.GetValue(seed), Days = historyDays, AnchorDate = ScratchAnchor, ProductCount = productCount,
            }, cancellationToken);
            var output = result.Out();
            output.WriteLine($"seed: {seeded.Seed}");
            output.WriteLine($"products: {seeded.RowsPerTable["products"]}");
            output.WriteLine($"history_events: {seeded.EventsWritten}");
            Print(output, await Simulation(scratchDatabase.DataSource).AdvanceAsync(dayCount, cancellationToken));
            return 0;
        });
        return command;
    }

    private static LiveSimulation Simulation(NpgsqlDataSource dataSource) =>
        new(() => LiveShopDataSource.CreateContext(dataSource), new EventStore(dataSource, TimeProvider.System), TimeProvider.System);

    private static void Print(TextWriter output, SimulationRun run)
    {
        static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        var seconds = run.Elapsed.TotalSeconds;
        output.WriteLine($"days: {run.Days.Count}");
        if (run.Days.Count > 0) output.WriteLine($"simulated: {run.Days[0].Date:yyyy-MM-dd} .. {run.Days[^1].Date:yyyy-MM-dd}");
        output.WriteLine($"orders: {run.Orders}");
        output.WriteLine($"revenue: {Money(run.Revenue)}");
        output.WriteLine($"ad_spend: {Money(run.AdSpend)}");
        output.WriteLine($"refunds: {run.Refunds}");
        output.WriteLine($"refund_amount: {Money(run.RefundAmount)}");
        output.WriteLine($"chargebacks: {run.Chargebacks}");
        output.WriteLine($"events_written: {run.EventsWritten}");
        output.WriteLine($"seconds: {seconds.ToString("0.00", CultureInfo.InvariantCulture)}");
        output.WriteLine($"events_per_second: {(seconds > 0 ? run.EventsWritten / seconds : 0).ToString("0", CultureInfo.InvariantCulture)}");
    }
}
