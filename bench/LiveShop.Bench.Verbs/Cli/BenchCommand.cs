using System.CommandLine;
using LiveShop.Bench.Verbs.Events;
using LiveShop.Chat.Cli;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;

namespace LiveShop.Bench.Verbs.Cli;

/// <summary>
/// <c>bench …</c>: macro benchmarks that print their figures one per line (<c>name: value</c>) next to a
/// baseline measured in the same run. They write into a scratch database, never the business's own.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure performance against a baseline from the same run (in a scratch database).");
        bench.Add(Events());
        bench.Add(Subscriptions());
        bench.Add(BenchRagCommand.Create());
        bench.Add(BenchVerifyCommand.Create());
        bench.Add(BenchChatCommand.Create());
        bench.Add(BenchMetricsCommand.Create());
        return bench;
    }

    private static Command Events()
    {
        var count = new Option<int>("--count") { Description = "How many events to append", DefaultValueFactory = _ => 100_000 };
        var command = new Command("events", "Event-store append rate (hashing, idempotency) versus raw binary COPY of the same rows.") { count };
        command.SetAction(async (result, cancellationToken) =>
        {
            var n = result.GetValue(count);
            if (n <= 0)
            {
                result.Error().WriteLine("liveshop: --count must be a positive number of events");
                return LiveShopCli.UsageExitCode;
            }
            await using var scratch = await OpenScratchAsync("bench", cancellationToken);
            // The benchmark appends to the scratch database's own chain and creates a copy of its table for the raw COPY,
            // which only the scratch database's owner may.
            var report = await new EventStoreBenchmark().RunAsync(scratch.OwnerDataSource, n, result.Error(), cancellationToken);
            foreach (var line in report.RenderLines()) result.Out().WriteLine(line);
            return 0;
        });
        return command;
    }

    private static Command Subscriptions()
    {
        var count = new Option<int>("--count") { Description = "How many events to append while the subscription follows", DefaultValueFactory = _ => 100_000 };
        var poll = new Option<int>("--poll-ms") { Description = "Pause after a round that found no full batch (serve's is 1000)", DefaultValueFactory = _ => 1000 };
        var command = new Command("subscriptions",
            "Event subscription lag while events are appended at bench events' rate, and delivery rate versus a bare sequential read.") { count, poll };
        command.SetAction(async (result, cancellationToken) =>
        {
            var n = result.GetValue(count);
            if (n <= 0 || result.GetValue(poll) < 0)
            {
                result.Error().WriteLine("liveshop: --count must be a positive number of events, --poll-ms not negative");
                return LiveShopCli.UsageExitCode;
            }
            await using var scratch = await OpenScratchAsync("benchsubs", cancellationToken);
            var report = await new SubscriptionLagBenchmark().RunAsync(scratch.OwnerDataSource, n, TimeSpan.FromMilliseconds(result.GetValue(poll)),
                result.Error(), cancellationToken);
            foreach (var line in report.RenderLines()) result.Out().WriteLine(line);
            return 0;
        });
        return command;
    }

    /// <summary>A migrated scratch database beside the business database (same roles and grants), dropped when disposed.</summary>
    internal static Task<ScratchDatabase> OpenScratchAsync(string purpose, CancellationToken cancellationToken) =>
        DatabaseBootstrap.OpenScratchAsync(LiveShopConfiguration.Build(), purpose, cancellationToken);
}
