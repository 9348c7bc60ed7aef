using System.Collections.Concurrent;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Tests.Learnings;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Tests.Knowledge;

/// <summary>
/// Uploaded knowledge files are embedded in the background, in batches, with progress; hosts sharing one database never
/// embed the same file twice. The runners are driven explicitly: no timing in any assertion.
/// </summary>
public sealed class KnowledgeIngestionQueueTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kbq-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string name, int sections, string word = "alpha")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, $"# {name}\n\n" + string.Concat(Enumerable.Range(1, sections).Select(s =>
            $"## Part {s}\n\n{string.Join(' ', Enumerable.Range(1, 300).Select(i => $"{word}{s}x{i % 11}"))}\n\n")));
        return path;
    }

    /// <summary>Embeds like the hashing embedder, and calls back before each batch so a test can look at the queue mid-way.</summary>
    private sealed class ObservedEmbedder(Func<Task>? beforeBatch = null) : ITextEmbedder
    {
        private readonly HashingTestEmbedder _inner = new();
        public ConcurrentQueue<int> Batches { get; } = new();
        public ConcurrentDictionary<string, int> TimesEmbedded { get; } = new();
        public string ModelId => _inner.ModelId;
        public int Dimensions => _inner.Dimensions;

        public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            if (beforeBatch is not null) await beforeBatch();
            Batches.Enqueue(texts.Count);
            foreach (var text in texts) TimesEmbedded.AddOrUpdate(text, 1, (_, n) => n + 1);
            await Task.Yield();
            return await _inner.EmbedAsync(texts, cancellationToken);
        }
    }

    private KnowledgeIngestionRunner Runner(ITextEmbedder embedder, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        return new KnowledgeIngestionRunner(new KnowledgeIngestionQueue(database.DataSource, time), new KnowledgeIngestor(database.DataSource, embedder, time));
    }

    [Fact]
    public async Task Queued_file_is_embedded_in_batches_with_progress_and_ends_ready()
    {
        var queue = new KnowledgeIngestionQueue(database.DataSource, TimeProvider.System);
        var path = WriteFile("handbook.md", 100);
        var queued = await queue.EnqueueAsync(path, "handbook.md", new FileInfo(path).Length, "founder@liveshop.local");
        Assert.Equal(IngestionStatus.Queued, (await queue.GetAsync(queued.Id))!.Status);

        var seen = new List<IngestionProgress>();
        var embedder = new ObservedEmbedder(async () => seen.Add((await queue.GetAsync(queued.Id))!));
        var finished = await Runner(embedder).RunOnceAsync();

        Assert.NotNull(finished);
        Assert.Equal(IngestionStatus.Ready, finished.Status);
        Assert.True(finished.ChunksTotal >= 100, $"{finished.ChunksTotal} chunks");
        Assert.Equal(finished.ChunksTotal, finished.ChunksEmbedded);
        Assert.All(embedder.Batches, size => Assert.InRange(size, 1, KnowledgeIngestor.EmbeddingBatchSize));
        Assert.True(embedder.Batches.Count >= finished.ChunksTotal / KnowledgeIngestor.EmbeddingBatchSize);
        // Mid-way the queue said "embedding" with the total known and the count rising batch by batch.
        Assert.All(seen, p => Assert.Equal(IngestionStatus.Embedding, p.Status));
        Assert.All(seen, p => Assert.Equal(finished.ChunksTotal, p.ChunksTotal));
        Assert.Equal(seen.Select((_, i) => i * KnowledgeIngestor.EmbeddingBatchSize), seen.Select(p => p.ChunksEmbedded));
        await using var context = database.CreateContext();
        Assert.Equal(finished.ChunksTotal, await context.KnowledgeChunks.CountAsync(c => c.DocumentId == finished.DocumentId));
    }

    [Fact]
    public async Task Two_hosts_sharing_the_database_embed_every_file_exactly_once()
    {
        var queue = new KnowledgeIngestionQueue(database.DataSource, TimeProvider.System);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var path = WriteFile($"shared-{i}.md", 3, $"w{i}");
            ids.Add((await queue.EnqueueAsync(path, $"shared-{i}.md", new FileInfo(path).Length, null)).Id);
        }
        var embedder = new ObservedEmbedder();

        var done = await Task.WhenAll(Runner(embedder).RunPendingAsync(), Runner(embedder).RunPendingAsync());

        Assert.Equal(6, done.Sum());
        Assert.All(embedder.TimesEmbedded, pair => Assert.Equal(1, pair.Value));
        foreach (var id in ids) Assert.Equal(IngestionStatus.Ready, (await queue.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task File_of_a_host_that_stopped_is_taken_over_when_its_lease_runs_out()
    {
        var clock = new MovableClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var queue = new KnowledgeIngestionQueue(database.DataSource, clock);
        var path = WriteFile("orphan.md", 2, "orphan");
        var queued = await queue.EnqueueAsync(path, "orphan.md", new FileInfo(path).Length, null);
        Assert.Equal(queued.Id, (await queue.ClaimAsync("crashed-host"))!.Id);

        Assert.Null(await Runner(new ObservedEmbedder(), clock).RunOnceAsync());
        clock.Now += KnowledgeIngestionQueue.Lease + TimeSpan.FromSeconds(1);
        var finished = await Runner(new ObservedEmbedder(), clock).RunOnceAsync();

        Assert.Equal((queued.Id, IngestionStatus.Ready), (finished!.Id, finished.Status));
        Assert.False(await queue.ReportAsync(queued.Id, "crashed-host", 1, 2));
    }

    [Fact]
    public async Task Unreadable_file_ends_failed_with_the_reason()
    {
        var queue = new KnowledgeIngestionQueue(database.DataSource, TimeProvider.System);
        var queued = await queue.EnqueueAsync(Path.Combine(_folder, "missing.md"), "missing.md", 10, null);

        var finished = await Runner(new ObservedEmbedder()).RunOnceAsync();

        Assert.Equal((queued.Id, IngestionStatus.Failed), (finished!.Id, finished.Status));
        Assert.False(string.IsNullOrWhiteSpace(finished.Detail));
    }
}
