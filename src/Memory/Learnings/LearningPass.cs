using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Learnings;

/// <summary>What one pass over new events did; <see cref="Claimed"/> is false when another host held the cursor.</summary>
public sealed record LearningPassResult(bool Claimed, int EventsRead, int MemoriesWritten, int MemoriesMerged, long LastSequence);

/// <summary>
/// Reads the events after a persisted cursor, turns them into memories with <see cref="LearningExtractor"/> and moves
/// the cursor, all in one transaction. The cursor row is claimed with <c>FOR UPDATE SKIP LOCKED</c>, so with several
/// hosts exactly one processes a batch and the others skip the round; each event is learned from once.
/// </summary>
public sealed class LearningPass(NpgsqlDataSource dataSource, EventStore events, MemoryStore memories, LearningExtractor extractor, TimeProvider time)
{
    /// <summary>The cursor's name in <c>learning_cursors</c>.</summary>
    public const string CursorName = "learnings";

    /// <summary>Handles up to <paramref name="batchSize"/> new events.</summary>
    public async Task<LearningPassResult> RunOnceAsync(int batchSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        await context.Database.ExecuteSqlAsync(
            $"INSERT INTO learning_cursors (name, last_sequence, updated_at) VALUES ({CursorName}, 0, {time.GetUtcNow()}) ON CONFLICT (name) DO NOTHING",
            cancellationToken);

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await context.Database
            .SqlQuery<long>($"SELECT last_sequence AS \"Value\" FROM learning_cursors WHERE name = {CursorName} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (claimed.Count == 0) return new LearningPassResult(false, 0, 0, 0, 0);
        var after = claimed[0];

        var batch = await events.ReadAsync(after, batchSize, cancellationToken);
        if (batch.Count == 0) return new LearningPassResult(true, 0, 0, 0, after);

        var learned = new List<NewMemory>();
        foreach (var e in batch)
            foreach (var memory in await extractor.ExtractAsync(e, cancellationToken))
                learned.Add(MemoryStore.Validate(memory));

        var written = 0;
        var merged = 0;
        if (learned.Count > 0)
        {
            // One batched embedding call for the whole pass: the model is the slow part.
            var vectors = await memories.Embedder.EmbedAsync(learned.Select(m => m.Content).ToList(), cancellationToken);
            for (var i = 0; i < learned.Count; i++)
            {
                var outcome = await memories.RememberAsync(context, learned[i], vectors[i], cancellationToken);
                if (outcome.Merged) merged++;
                else written++;
            }
        }

        var last = batch[^1].Sequence;
        await context.Database.ExecuteSqlAsync(
            $"UPDATE learning_cursors SET last_sequence = {last}, updated_at = {time.GetUtcNow()} WHERE name = {CursorName}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LearningPassResult(true, batch.Count, written, merged, last);
    }
}
