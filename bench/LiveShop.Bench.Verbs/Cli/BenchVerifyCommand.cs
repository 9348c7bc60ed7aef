using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Cli;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;
using LiveShop.Memory.Serialization;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Ads;
using LiveShop.Kernel.Actions.Definitions.Catalog;
using LiveShop.Kernel.Actions.Definitions.Fulfilment;
using LiveShop.Kernel.Actions.Definitions.Refunds;
using LiveShop.Kernel.Actions.Definitions.Stock;

namespace LiveShop.Bench.Verbs.Cli;

/// <summary>
/// <c>bench verify [--clients 50] [--requests 20000] [--days 30] [--warmup-seconds 180]</c>: the host, built in-process over a scratch database
/// holding the sandbox business, answers <c>POST /api/verify</c> with live facts to concurrent clients; the same clients'
/// <c>GET /health/live</c> latency is the baseline.
/// </summary>
internal static class BenchVerifyCommand
{
    private const int WarmUpRound = 5000;

    public static Command Create()
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients", DefaultValueFactory = _ => 50 };
        var requests = new Option<int>("--requests") { Description = "Requests measured (each for the baseline and for verify)", DefaultValueFactory = _ => 20000 };
        var days = new Option<int>("--days") { Description = "Days of sandbox history in the scratch database", DefaultValueFactory = _ => 30 };
        var warmUpLimit = SteadyState.LimitOption();
        var command = new Command("verify", "POST /api/verify latency with live facts at a concurrency, versus GET /health/live.") { clients, requests, days, warmUpLimit };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (c, n, d, w) = (result.GetValue(clients), result.GetValue(requests), result.GetValue(days), result.GetValue(warmUpLimit));
            if (c <= 0 || n <= 0 || d is < 1 or > 365 || w < 0)
            {
                result.Error().WriteLine("liveshop: --clients and --requests must be positive, --days between 1 and 365 and --warmup-seconds not negative");
                return LiveShopCli.UsageExitCode;
            }
            // The in-process host logs to the console; keep stdout for the figures alone.
            var stdout = result.Out();
            var console = Console.Out;
            Console.SetOut(result.Error());
            try
            {
                return await RunAsync(c, n, d, TimeSpan.FromSeconds(w), stdout, result.Error(), cancellationToken);
            }
            finally
            {
                Console.SetOut(console);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(int clients, int requests, int days, TimeSpan warmUpLimit, TextWriter stdout, TextWriter log, CancellationToken cancellationToken)
    {
        await using var scratch = await BenchCommand.OpenScratchAsync("benchverify", cancellationToken);
        log.WriteLine($"seeding {days} days of the sandbox business into {scratch.Name}…");
        await StartupSeeding.CreateSeeder(scratch.DataSource).SeedAsync(StartupSeeding.SeedOptionsFor(42, days), cancellationToken);
        var packets = await RealisticPacketsAsync(scratch.DataSource, cancellationToken);

        await using var app = await LiveShopWebApp.BuildAsync("http://127.0.0.1:0",
        [
            $"--ConnectionStrings:LiveShop={scratch.Logins.Application}",
            $"--ConnectionStrings:LiveShopOwner={scratch.Logins.Owner}",
            "--LiveShop:SeedWhenEmpty=false",
            // The demo simulation would write a simulated hour a second into the business the verifications read from.
            "--Sandbox:Enabled=false",
            "--Serilog:MinimumLevel:Default=Warning",
            $"--Auth:FounderPassword={LiveShop.Chat.SignIn.UserPasswords.Generate()}",
        ], cancellationToken);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.ListenAddress();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(address) };
            var key = await app.Services.GetRequiredService<LiveShop.Chat.SignIn.ApiKeyRegistry>().CreateAsync("founder@liveshop.local", "bench", cancellationToken);
            http.DefaultRequestHeaders.Authorization = new("Bearer", key!.Value.Key);

            // Warm both paths to steady state (connection pools full, tiered JIT done compiling): rounds of the measured
            // load, alternating like the measured run, until the JIT is quiet.
            var warmUp = await SteadyState.ReachAsync(async () =>
            {
                await LoadAsync(clients, Math.Min(requests, WarmUpRound), i => http.GetAsync("/health/live", cancellationToken));
                await LoadAsync(clients, Math.Min(requests, WarmUpRound), i => PostAsync(http, packets[i % packets.Count], cancellationToken));
            }, minimumRounds: 2, warmUpLimit);
            var baseline = await LoadAsync(clients, requests, i => http.GetAsync("/health/live", cancellationToken));
            var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var verify = await LoadAsync(clients, requests, i => PostAsync(http, packets[i % packets.Count], cancellationToken));
            var jitDuring = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;

            stdout.WriteLine($"clients: {clients}");
            stdout.WriteLine($"requests: {requests}");
            stdout.WriteLine($"packets: {packets.Count}");
            stdout.WriteLine($"p50_ms: {F(verify.Percentile(50))}");
            stdout.WriteLine($"p95_ms: {F(verify.Percentile(95))}");
            stdout.WriteLine($"p99_ms: {F(verify.Percentile(99))}");
            stdout.WriteLine($"requests_per_second: {F(verify.RequestsPerSecond)}");
            stdout.WriteLine($"errors: {verify.Errors}");
            stdout.WriteLine($"baseline_p50_ms: {F(baseline.Percentile(50))}");
            stdout.WriteLine($"baseline_p95_ms: {F(baseline.Percentile(95))}");
            stdout.WriteLine($"baseline_requests_per_second: {F(baseline.RequestsPerSecond)}");
            foreach (var line in warmUp.RenderLines()) stdout.WriteLine(line);
            stdout.WriteLine($"jit_methods_while_measuring: {jitDuring}");
            return verify.Errors + baseline.Errors == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] packet, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(packet);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return http.PostAsync("/api/verify", content, cancellationToken);
    }

    /// <summary>Latencies of <paramref name="requests"/> calls shared out to <paramref name="clients"/> concurrent loops.</summary>
    private static async Task<LoadResult> LoadAsync(int clients, int requests, Func<int, Task<HttpResponseMessage>> send)
    {
        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await send(i);
                await response.Content.LoadIntoBufferAsync();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
        })));
        return new LoadResult(latencies, requests / Stopwatch.GetElapsedTime(started).TotalSeconds, errors);
    }

    private sealed record LoadResult(double[] Latencies, double RequestsPerSecond, int Errors)
    {
        private readonly double[] _sorted = Latencies.Order().ToArray();

        // Nearest rank: the smallest latency at or above which p % of the requests finished.
        public double Percentile(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
    }

    // The actions agents propose most, over real rows of the seeded business: refunds and fulfilments of recent orders,
    // budget and price steps, reorders and listings.
    private static async Task<List<byte[]>> RealisticPacketsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var packets = new List<object>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ReadAsync(connection, "SELECT id, total FROM orders ORDER BY placed_at DESC LIMIT 40", r =>
        {
            packets.Add(new { proposed_action = RefundOrderAction.ActionName, agent = "returns_refunds", parameters = new { order_id = r.GetString(0), amount = Math.Round(r.GetDecimal(1) / 3, 2), reason = "damaged" } });
            packets.Add(new { proposed_action = FulfillOrderAction.ActionName, agent = "operations", parameters = new { order_id = r.GetString(0) } });
        }, cancellationToken);
        await ReadAsync(connection, "SELECT id, daily_budget FROM ad_sets ORDER BY id LIMIT 20", r =>
            packets.Add(new { proposed_action = ScaleAdSetAction.ActionName, agent = "ads_optimizer", parameters = new { ad_set_id = r.GetString(0), new_daily_budget = Math.Round(r.GetDecimal(1) * 1.15m, 2) } }),
            cancellationToken);
        await ReadAsync(connection, "SELECT id, price, title FROM products ORDER BY id LIMIT 20", r =>
        {
            packets.Add(new { proposed_action = ChangePriceAction.ActionName, agent = "pricing", parameters = new { product_id = r.GetString(0), new_price = Math.Round(r.GetDecimal(1) * 1.05m, 2) } });
            packets.Add(new { proposed_action = ReorderStockAction.ActionName, agent = "inventory", parameters = new { product_id = r.GetString(0), quantity = 50 } });
            packets.Add(new
            {
                proposed_action = PublishListingAction.ActionName, agent = "merchandiser",
                parameters = new { product_id = r.GetString(0), channel = "tiktok_shop", title = r.GetString(2), description = "Ships in 24 h; free returns within 30 days." },
            });
        }, cancellationToken);
        return packets.Select(p => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(p, JsonDefaults.Options))).ToList();
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) row(reader);
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
