using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using LiveShop.Kernel.Planning.Offline;
using LiveShop.Memory.Data;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Memory.Learnings;
using LiveShop.Plugins.Functions;
using LiveShop.Plugins.Memory;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace LiveShop.Bench.Planning;

/// <summary>
/// One offline planner turn — embed the message with the local model, score every product function, read the typed
/// arguments — over the real plugin functions. One turn per iteration, so the P95 column is the per-turn p95
/// (target &lt; 50 ms). Invoking the chosen function is the proof filter's cost and is not included.
/// </summary>
[Config(typeof(PerTurnConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 30, iterationCount: 400, invocationCount: 1)]
[MemoryDiagnoser]
public class OfflinePlannerBenchmark
{
    private static readonly string[] Messages =
    [
        "refund $40 on o_12 because the parcel arrived damaged",
        "raise the daily budget of as_5 to $600",
        "what's our cash runway?",
        "reorder 200 units of p_3 at $4.20 each",
        "reply to t_1 saying \"Your parcel left our warehouse today\"",
        "publish p_3 on shopify with title \"Glow Serum\" and description \"Vitamin C serum\"",
        "refund order o_12",
        "top 3 products this month",
    ];

    private OfflinePlanner _planner = null!;
    private KernelFunction[] _functions = null!;
    private int _turn;

    [GlobalSetup]
    public void SetUp()
    {
        // Planning reads only the functions' metadata; the plugins' database is never opened.
        // A data source opens no connection until used.
        var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=unused");
        var memory = new MemoryPlugin(
            new KnowledgeSearch(dataSource, LocalMiniLmEmbedder.Shared),
            new MemoryStore(dataSource, LocalMiniLmEmbedder.Shared, TimeProvider.System));
        var plugins = LiveShopPlugins.Create(new UnusedContexts(), TimeProvider.System, memory);
        _functions = plugins.SelectMany(p => KernelPluginFactory.CreateFromObject(p.Instance, p.Name)).ToArray();
        _planner = new OfflinePlanner(LocalMiniLmEmbedder.Shared);
        // The function embeddings are made once per function set; a turn pays only for the message.
        _planner.PlanAsync(Messages[0], _functions).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "planner turn (choose + extract)")]
    public async Task<bool> PlannerTurn()
    {
        var message = Messages[_turn++ % Messages.Length];
        return (await _planner.PlanAsync(message, _functions)).IsCall;
    }

    private sealed class PerTurnConfig : ManualConfig
    {
        public PerTurnConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }

    private sealed class UnusedContexts : IDbContextFactory<LiveShopDbContext>
    {
        public LiveShopDbContext CreateDbContext() =>
            throw new InvalidOperationException("the planner benchmark must not touch the database");
    }
}
