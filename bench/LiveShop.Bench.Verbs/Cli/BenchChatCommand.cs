using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LiveShop.Bench.Verbs.Models;
using LiveShop.Chat.Cli;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Orchestration;

namespace LiveShop.Bench.Verbs.Cli;

/// <summary>
/// <c>bench chat [--conversations 50] [--turns 20] [--warmup-seconds 180]</c>: chat turn latency with a model that answers instantly (an
/// in-process OpenAI-compatible server), so the figure is the turn's own overhead — routing, history, kernel, SK
/// connector, persistence — next to the same server's raw round trip at the same concurrency.
/// </summary>
internal static class BenchChatCommand
{
    public static Command Create()
    {
        var conversations = new Option<int>("--conversations") { Description = "Concurrent conversations", DefaultValueFactory = _ => 50 };
        var turns = new Option<int>("--turns") { Description = "Turns per conversation", DefaultValueFactory = _ => 20 };
        var warmUpLimit = SteadyState.LimitOption();
        var command = new Command("chat", "Chat turn overhead (model answering instantly) versus the model server's raw round trip.") { conversations, turns, warmUpLimit };
        command.SetAction(async (result, cancellationToken) =>
        {
            var c = result.GetValue(conversations);
            var t = result.GetValue(turns);
            var w = result.GetValue(warmUpLimit);
            if (c is < 1 or > 1000 || t is < 1 or > 1000 || w < 0)
            {
                result.Error().WriteLine("liveshop: --conversations and --turns must be between 1 and 1000 and --warmup-seconds not negative");
                return LiveShopCli.UsageExitCode;
            }
            await using var scratch = await BenchCommand.OpenScratchAsync("benchchat", cancellationToken);
            result.Error().WriteLine("seeding one sandbox day into the scratch database…");
            await StartupSeeding.CreateSeeder(scratch.DataSource).SeedAsync(StartupSeeding.SeedOptionsFor(42, 1), cancellationToken);
            await using var model = await ScriptedModelServer.StartAsync(cancellationToken);
            model.RecordRequests = false;
            model.DefaultText = "Done.";
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(LiveShopConfiguration.Build())
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Llm:Provider"] = "OpenAICompatible", ["Llm:Endpoint"] = model.BaseAddress.ToString(), ["Llm:Model"] = "instant",
                })
                .Build();
            await using var services = LiveShopComposition.BuildForCli(scratch.DataSource, configuration);
            var chat = services.GetRequiredService<ChatTurnService>();
            using var http = new HttpClient { BaseAddress = model.BaseAddress };

            // Warm-up at the measured concurrency, as bench verify does: JIT, the persona catalog and kernel factory, and
            // as many pooled database and HTTP connections as the measured run holds open (opening one costs a SCRAM
            // key derivation, which is not a turn's overhead).
            async Task<ChatTurnResult?> RawRoundTrip(CancellationToken ct)
            {
                using var response = await http.PostAsync("/v1/chat/completions", new StringContent(BaselineBody, System.Text.Encoding.UTF8, "application/json"), ct);
                await response.Content.ReadAsStringAsync(ct);
                return null;
            }
            // Rounds of the measured load until tiered JIT is done compiling (see SteadyState).
            var warmUp = await SteadyState.ReachAsync(async () =>
            {
                await RunAsync(c, t, async (i, conversation, ct) => await chat.RunAsync(Request(i, conversation), ct), cancellationToken);
                await RunAsync(c, 2, (_, _, ct) => RawRoundTrip(ct), cancellationToken);
            }, minimumRounds: 2, TimeSpan.FromSeconds(w));
            var baseline = await RunAsync(c, t, (_, _, ct) => RawRoundTrip(ct), cancellationToken);
            var turnsMs = await RunAsync(c, t, async (i, conversation, ct) => await chat.RunAsync(Request(i, conversation), ct), cancellationToken);

            var output = result.Out();
            void Line(string name, double value) => output.WriteLine($"{name}: {value.ToString("0.00", CultureInfo.InvariantCulture)}");
            output.WriteLine($"conversations: {c}");
            output.WriteLine($"turns: {c * t}");
            Line("p50_ms", Percentile(turnsMs, 50));
            Line("p95_ms", Percentile(turnsMs, 95));
            Line("baseline_p50_ms", Percentile(baseline, 50));
            Line("baseline_p95_ms", Percentile(baseline, 95));
            Line("overhead_p95_ms", Percentile(turnsMs, 95) - Percentile(baseline, 95));
            foreach (var line in warmUp.RenderLines()) output.WriteLine(line);
            return 0;
        });
        return command;
    }

    private const string BaselineBody = """{"model":"instant","messages":[{"role":"system","content":"You are the CFO."},{"role":"user","content":"How is cash?"}]}""";

    // Personas by turn, so routing, kernels and prompts vary like real traffic; explicit so no routing surprise skews a run.
    private static readonly string[] Personas = ["cfo", "ceo", "returns_refunds", "ads_optimizer", "customer_support_lead"];

    private static ChatTurnRequest Request(int index, Guid? conversation) => new()
    {
        ConversationId = conversation, User = "founder@liveshop.local", Persona = Personas[index % Personas.Length],
        Message = "How are we doing this week?",
    };

    /// <summary>Runs <paramref name="conversations"/> sequences of <paramref name="turns"/> concurrently; returns each step's milliseconds.</summary>
    private static async Task<List<double>> RunAsync(int conversations, int turns, Func<int, Guid?, CancellationToken, Task<ChatTurnResult?>> step, CancellationToken cancellationToken)
    {
        var all = new List<double>[conversations];
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(i => Task.Run(async () =>
        {
            var times = all[i] = new List<double>(turns);
            Guid? conversation = null;
            for (var turn = 0; turn < turns; turn++)
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await step(i, conversation, cancellationToken);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                conversation ??= answer?.ConversationId;
            }
        }, cancellationToken)));
        return [.. all.SelectMany(x => x)];
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
