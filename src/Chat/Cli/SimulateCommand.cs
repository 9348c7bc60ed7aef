using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.Hosting.Simulation;
using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Memory.Metrics.Store;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Plugins.Sandbox.Seeding;
using LiveShop.Plugins.Sandbox.Shocks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>simulate --days N [--seed S] [--scratch] [--products P] [--shock JSON]… [--json]</c>: runs the sandbox business ahead in
/// simulated time with its automation (snapshots, reactions, guardrails, alerts) on the simulated clock, and prints what
/// happened: one <c>name: value</c> per line, or with <c>--json</c> one JSON object (CONTRACTS.md §6) on the last line.
/// <c>--scratch</c> plays a freshly seeded business (fixed anchor date) in a throwaway database, so the same seed and
/// shocks always print the same figures (only the timings differ).
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
        var shocks = new Option<string[]>("--shock")
        {
            Description = "A shock, as JSON: {\"kind\": \"cpm_spike|supplier_cost|delivery_delay|refund_wave|stockout|demand_drop\", \"day\": D, \"days\": N, …}; repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (the report) instead of name: value lines" };
        var command = new Command("simulate", "Run the sandbox business ahead in simulated time, with its automation, and print what happened.")
        {
            days, seed, scratch, products, history, shocks, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var dayCount = result.GetValue(days);
            var productCount = result.GetValue(products);
            var historyDays = result.GetValue(history);
            var shockTexts = result.GetValue(shocks) ?? [];
            if (dayCount is < 1 or > 3650 || productCount is < 1 or > 5000 || historyDays is < 1 or > 3650)
            {
                result.Error().WriteLine("liveshop: --days and --history-days must be between 1 and 3650, --products between 1 and 5000");
                return LiveShopCli.UsageExitCode;
            }
            // The form of every shock is checked before anything is seeded or played.
            foreach (var text in shockTexts)
                if (Problem(text) is { } problem)
                {
                    result.Error().WriteLine($"liveshop: {problem}");
                    return LiveShopCli.UsageExitCode;
                }

            try
            {
                SimulationReport report;
                if (!result.GetValue(scratch))
                {
                    if (productCount is not null) result.Error().WriteLine("liveshop: --products applies to --scratch runs only; playing the business as it is");
                    var position = await PositionAsync(cancellationToken);
                    if (position is null)
                    {
                        result.Error().WriteLine("liveshop: the database holds no sandbox business to simulate (./liveshop seed writes one)");
                        return 1;
                    }
                    var clock = new SimulatedClock(position.SimulatedNow);
                    await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken, s => UseClock(s, clock));
                    report = await new AutomatedSimulation(host.Services, clock).RunAsync(dayCount, shockTexts, cancellationToken);
                }
                else
                {
                    var settings = LiveShopConfiguration.Build();
                    await using var scratchDatabase = await DatabaseBootstrap.OpenScratchAsync(settings, "simulate", cancellationToken);
                    var seeder = new SandboxSeeder(() => LiveShopDataSource.CreateContext(scratchDatabase.DataSource),
                        new EventStore(scratchDatabase.DataSource, TimeProvider.System));
                    var seeded = await seeder.SeedAsync(new SeedOptions
                    {
                        Seed = result.GetValue(seed), Days = historyDays, AnchorDate = ScratchAnchor, ProductCount = productCount,
                    }, cancellationToken);
                    var clock = new SimulatedClock(new DateTimeOffset(ScratchAnchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
                    await using var services = LiveShopComposition.BuildForCli(scratchDatabase.DataSource, settings, s => UseClock(s, clock));
                    // The history's metric series, as seeding a serving host writes it: what the alerts' baselines read.
                    await StartupSeeding.BackfillMetricsAsync(services.GetRequiredService<Snapshotter>(), seeded, cancellationToken);
                    if (!result.GetValue(json))
                    {
                        result.Out().WriteLine($"seed: {seeded.Seed}");
                        result.Out().WriteLine($"products: {seeded.RowsPerTable["products"]}");
                        result.Out().WriteLine($"history_events: {seeded.EventsWritten}");
                    }
                    report = await new AutomatedSimulation(services, clock).RunAsync(dayCount, shockTexts, cancellationToken);
                }
                if (result.GetValue(json)) result.Out().WriteLine(JsonSerializer.Serialize(report, JsonDefaults.Options));
                else Print(result.Out(), report);
                return 0;
            }
            catch (InvalidShockException e)
            {
                result.Error().WriteLine($"liveshop: {e.Message}");
                return LiveShopCli.UsageExitCode;
            }
        });
        return command;
    }

    /// <summary>Why a shock cannot be read (its form only; what it names is checked against the business), or null.</summary>
    private static string? Problem(string text)
    {
        try
        {
            ShockParser.Parse(text, ScratchAnchor);
            return null;
        }
        catch (InvalidShockException e)
        {
            return e.Message;
        }
    }

    private static void UseClock(IServiceCollection services, SimulatedClock clock) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));

    private static async Task<SandboxPosition?> PositionAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = await DatabaseBootstrap.OpenAsync(LiveShopConfiguration.Build(), TextWriter.Null, cancellationToken);
        return await Simulation(dataSource).GetPositionAsync(cancellationToken);
    }

    private static LiveSimulation Simulation(NpgsqlDataSource dataSource) =>
        new(() => LiveShopDataSource.CreateContext(dataSource), new EventStore(dataSource, TimeProvider.System), TimeProvider.System);

    private static void Print(TextWriter output, SimulationReport report)
    {
        static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        output.WriteLine($"days: {report.Days}");
        if (report.Days > 0) output.WriteLine($"simulated: {report.SimulatedFrom} .. {report.SimulatedTo}");
        output.WriteLine($"orders: {report.Orders}");
        output.WriteLine($"revenue: {Money(report.Revenue)}");
        output.WriteLine($"ad_spend: {Money(report.AdSpend)}");
        output.WriteLine($"net_profit: {Money(report.NetProfit)}");
        output.WriteLine($"refunds: {report.Refunds}");
        output.WriteLine($"refund_amount: {Money(report.RefundAmount)}");
        output.WriteLine($"chargebacks: {report.Chargebacks}");
        output.WriteLine($"events_written: {report.Events}");
        output.WriteLine($"alerts: {report.Alerts.Count}");
        foreach (var alert in report.Alerts)
            output.WriteLine($"  - day {alert.Day}, {alert.Kind} on {alert.EntityId}: {alert.Metric} {alert.Observed}, expected {alert.ExpectedLow}..{alert.ExpectedHigh}");
        output.WriteLine($"automated_actions: {report.AutomatedActions.Count}");
        foreach (var action in report.AutomatedActions)
            output.WriteLine($"  - day {action.Day}, {action.Action} {action.Arguments.GetRawText()} by {action.RequestedBy}: {action.Decision}, {action.Result}");
        output.WriteLine($"invariant_violations: {report.InvariantViolations}");
        output.WriteLine($"seconds: {report.Seconds.ToString("0.00", CultureInfo.InvariantCulture)}");
        output.WriteLine($"events_per_second: {(report.Seconds > 0 ? report.Events / report.Seconds : 0).ToString("0", CultureInfo.InvariantCulture)}");
    }
}
