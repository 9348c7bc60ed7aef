using System.Diagnostics;
using System.Globalization;
using LiveShop.Memory.Knowledge.Embeddings;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace LiveShop.Bench.Verbs.Knowledge;

/// <summary>Figures of one knowledge-base benchmark run.</summary>
public sealed record RagBenchmarkReport
{
    public required int Chunks { get; init; }
    public required double RecallAt10 { get; init; }
    public required double P50Milliseconds { get; init; }
    public required double P95Milliseconds { get; init; }
    public required double ExactP95Milliseconds { get; init; }
    public required double EmbedSentencesPerSecond { get; init; }
    public required double IngestRowsPerSecond { get; init; }
    public required double IndexBuildSeconds { get; init; }

    /// <summary>One <c>name: value</c> line per figure, for the <c>bench rag</c> verb.</summary>
    public IEnumerable<string> RenderLines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"chunks: {Chunks}");
        yield return string.Create(c, $"recall@10: {RecallAt10:F3}");
        yield return string.Create(c, $"p50_ms: {P50Milliseconds:F2}");
        yield return string.Create(c, $"p95_ms: {P95Milliseconds:F2}");
        yield return string.Create(c, $"exact_p95_ms: {ExactP95Milliseconds:F2}");
        yield return string.Create(c, $"embed_sentences_per_s: {EmbedSentencesPerSecond:F1}");
        yield return string.Create(c, $"ingest_rows_per_s: {IngestRowsPerSecond:F0}");
        yield return string.Create(c, $"index_build_s: {IndexBuildSeconds:F1}");
    }
}

/// <summary>
/// Measures the knowledge base at scale on a scratch database: bulk load of clustered, embedding-like vectors, HNSW
/// build, top-10 latency and recall against exact search, and the local model's embedding throughput.
/// Random isotropic vectors would make every index look bad; real embeddings cluster by topic, so these do too.
/// </summary>
public sealed class RagBenchmark
{
    private const int Dimensions = 384;
    private const int Queries = 200;
    private const int TopK = 10;
    private const int EfSearch = 40;
    private const int EmbedSentences = 256;

    /// <summary>Runs the benchmark on <paramref name="scratch"/> (never the business database).</summary>
    public async Task<RagBenchmarkReport> RunAsync(
        NpgsqlDataSource scratch, int chunks, ITextEmbedder embedder, TextWriter progress, CancellationToken cancellationToken)
    {
        if (chunks < 100) throw new ArgumentOutOfRangeException(nameof(chunks), "at least 100 chunks");
        var random = new Random(7107);
        var clusters = Math.Clamp(chunks / 100, 10, 1000);
        var centres = Enumerable.Range(0, clusters).Select(_ => RandomUnit(random)).ToArray();

        await ExecuteAsync(scratch, "CREATE UNLOGGED TABLE bench_chunks (id bigint PRIMARY KEY, embedding vector(384) NOT NULL)", cancellationToken);
        await progress.WriteLineAsync($"loading {chunks} vectors in {clusters} clusters (binary COPY)");
        var load = Stopwatch.StartNew();
        await using (var connection = await scratch.OpenConnectionAsync(cancellationToken))
        await using (var writer = await connection.BeginBinaryImportAsync("COPY bench_chunks (id, embedding) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < chunks; i++)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync((long)i, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(new Vector(Near(centres[random.Next(clusters)], 0.35, random)), cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        var ingestRate = chunks / load.Elapsed.TotalSeconds;
        await progress.WriteLineAsync($"loaded in {load.Elapsed.TotalSeconds:F1} s; building the HNSW index");

        var build = Stopwatch.StartNew();
        await using (var connection = await scratch.OpenConnectionAsync(cancellationToken))
        {
            await using var settings = new NpgsqlCommand("SET maintenance_work_mem = '512MB'; SET max_parallel_maintenance_workers = 1", connection);
            await settings.ExecuteNonQueryAsync(cancellationToken);
            await using var index = new NpgsqlCommand("CREATE INDEX ON bench_chunks USING hnsw (embedding vector_cosine_ops); ANALYZE bench_chunks", connection)
            { CommandTimeout = 0 };
            await index.ExecuteNonQueryAsync(cancellationToken);
        }
        var buildSeconds = build.Elapsed.TotalSeconds;
        await progress.WriteLineAsync($"index built in {buildSeconds:F1} s; running {Queries} queries");

        var queries = Enumerable.Range(0, Queries).Select(_ => Near(centres[random.Next(clusters)], 0.25, random)).ToArray();
        // Warm the index pages and the connection first: the first queries of a fresh index measure disk, not search.
        await TimedSearchAsync(scratch, queries[..20], exact: false, cancellationToken);
        var approximate = await TimedSearchAsync(scratch, queries, exact: false, cancellationToken);
        var exact = await TimedSearchAsync(scratch, queries, exact: true, cancellationToken);
        var recall = approximate.Results.Zip(exact.Results, (a, e) => (double)a.Intersect(e).Count() / e.Count).Average();

        await progress.WriteLineAsync($"embedding {EmbedSentences} sentences with {embedder.ModelId}");
        var sentences = Enumerable.Range(0, EmbedSentences).Select(SampleSentence).ToList();
        await embedder.EmbedAsync(sentences.Take(4).ToList(), cancellationToken); // load the model outside the timing
        var embed = Stopwatch.StartNew();
        await embedder.EmbedAsync(sentences, cancellationToken);
        var embedRate = EmbedSentences / embed.Elapsed.TotalSeconds;

        return new RagBenchmarkReport
        {
            Chunks = chunks,
            RecallAt10 = recall,
            P50Milliseconds = Percentile(approximate.Latencies, 0.50),
            P95Milliseconds = Percentile(approximate.Latencies, 0.95),
            ExactP95Milliseconds = Percentile(exact.Latencies, 0.95),
            EmbedSentencesPerSecond = embedRate,
            IngestRowsPerSecond = ingestRate,
            IndexBuildSeconds = buildSeconds,
        };
    }

    private static async Task<(List<List<long>> Results, List<double> Latencies)> TimedSearchAsync(
        NpgsqlDataSource scratch, float[][] queries, bool exact, CancellationToken cancellationToken)
    {
        var results = new List<List<long>>();
        var latencies = new List<double>();
        await using var connection = await scratch.OpenConnectionAsync(cancellationToken);
        foreach (var query in queries)
        {
            var watch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var settings = new NpgsqlCommand(
                exact ? "SET LOCAL enable_indexscan = off" : $"SET LOCAL hnsw.ef_search = {EfSearch}", connection, transaction))
                await settings.ExecuteNonQueryAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT id FROM bench_chunks ORDER BY embedding <=> $1 LIMIT $2", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = new Vector(query) });
            command.Parameters.Add(new NpgsqlParameter { Value = TopK });
            var ids = new List<long>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
            await transaction.CommitAsync(cancellationToken);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            results.Add(ids);
        }
        return (results, latencies);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static float[] RandomUnit(Random random) => Normalise(Enumerable.Range(0, Dimensions).Select(_ => Gaussian(random)).ToArray());

    // noise is the total length of the perturbation relative to the unit centre.
    private static float[] Near(float[] centre, double noise, Random random)
    {
        var scale = noise / Math.Sqrt(Dimensions);
        return Normalise(centre.Select(c => (float)(c + scale * Gaussian(random))).ToArray());
    }

    private static float[] Normalise(float[] v)
    {
        var norm = (float)Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static readonly string[] Subjects = ["The magnetic phone mount", "Our silicone dog bowl", "The resistance band set", "This gua sha stone", "The mini blender"];
    private static readonly string[] Claims = ["ships from Sydney in two days", "fits most cars and phones", "folds flat for travel", "comes with a 12 month warranty", "is easy to clean after use"];

    private static string SampleSentence(int i) => $"{Subjects[i % Subjects.Length]} {Claims[(i / Subjects.Length) % Claims.Length]} (order {i}).";
}
