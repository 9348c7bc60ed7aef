using System.CommandLine;
using LiveShop.Bench.Verbs.Knowledge;
using LiveShop.Chat.Cli;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;
using LiveShop.Memory.Knowledge.Embeddings;

namespace LiveShop.Bench.Verbs.Cli;

/// <summary><c>bench rag [--chunks N]</c>: knowledge-base scale figures (HNSW latency and recall, embedding and load rates) on a scratch database.</summary>
internal static class BenchRagCommand
{
    internal static Command Create()
    {
        var chunks = new Option<int>("--chunks") { Description = "How many synthetic chunks to load", DefaultValueFactory = _ => 100_000 };
        var rag = new Command("rag", "Benchmark the knowledge base on a scratch database: recall@10, p50/p95 latency, embedding and ingest rates.") { chunks };
        rag.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(chunks);
            if (count is < 100 or > 5_000_000)
            {
                result.Error().WriteLine("liveshop: --chunks must be between 100 and 5000000");
                return 2;
            }
            await using var scratch = await BenchCommand.OpenScratchAsync("rag", cancellationToken);
            // The benchmark builds its own vector table and index, which only the scratch database's owner may.
            var report = await new RagBenchmark().RunAsync(scratch.OwnerDataSource, count, LocalMiniLmEmbedder.Shared, result.Error(), cancellationToken);
            foreach (var line in report.RenderLines()) result.Out().WriteLine(line);
            return 0;
        });
        return rag;
    }
}
