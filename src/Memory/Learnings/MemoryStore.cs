using System.Text.Json;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Knowledge;
using LiveShop.Memory.Database;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pgvector;
using Pgvector.EntityFrameworkCore;

namespace LiveShop.Memory.Learnings;

/// <summary>
/// The agents' long-term memory: lessons and decisions with their evidence, scoped to the business, a persona, a product
/// or a supplier. Writing a near-duplicate of a memory in the same scope confirms it instead of adding a row; recall
/// respects scope strictly and ranks by similarity × age decay (<see cref="MemoryRanking"/>).
/// </summary>
public sealed partial class MemoryStore(NpgsqlDataSource dataSource, ITextEmbedder embedder, TimeProvider time)
{
    /// <summary>Cosine similarity at or above which a new memory is the same lesson as a stored one.</summary>
    public const double NearDuplicateSimilarity = 0.9;

    /// <summary>The embedder memories are embedded with.</summary>
    public ITextEmbedder Embedder => embedder;

    /// <summary>Writes a memory, or confirms the near-duplicate already stored in its scope (evidence appended).</summary>
    public async Task<RememberOutcome> RememberAsync(NewMemory memory, CancellationToken cancellationToken = default)
    {
        var normalised = Validate(memory);
        var vector = (await embedder.EmbedAsync([normalised.Content], cancellationToken))[0];
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await RememberAsync(context, normalised, vector, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Writes an already embedded, validated memory inside the caller's transaction (the learning pass writes a batch of
    /// memories and its cursor together). Writers of one scope are serialised so two hosts cannot both add the same lesson.
    /// </summary>
    internal async Task<RememberOutcome> RememberAsync(LiveShopDbContext context, NewMemory memory, float[] vector, CancellationToken cancellationToken)
    {
        var lockKey = $"{memory.Scope}/{memory.ScopeKey}";
        await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 6116))", cancellationToken);
        var embedding = new Vector(vector);
        var nearest = await context.LongTermMemories
            .Where(m => m.Scope == memory.Scope && m.ScopeKey == memory.ScopeKey && m.Embedding != null)
            .OrderBy(m => m.Embedding!.CosineDistance(embedding))
            .Select(m => new { Memory = m, Distance = m.Embedding!.CosineDistance(embedding) })
            .FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();

        if (nearest is not null && 1 - nearest.Distance >= NearDuplicateSimilarity)
        {
            var stored = nearest.Memory;
            var evidence = ReadEvidence(stored.Evidence);
            var fresh = memory.Evidence.Where(e => e.Reference is null || !evidence.Any(old => old.Kind == e.Kind && old.Reference == e.Reference)).ToList();
            // The same event seen again (a re-run after a crash) is not a new confirmation.
            if (memory.Evidence.Count > 0 && fresh.Count == 0)
                return new RememberOutcome(stored.Id, Merged: true, stored.ConfirmationCount);
            stored.Evidence = WriteEvidence(evidence.Concat(fresh));
            stored.ConfirmationCount++;
            stored.LastConfirmedAt = now;
            stored.Confidence = Math.Min(1m, Math.Max(stored.Confidence, memory.Confidence) + 0.05m);
            await context.SaveChangesAsync(cancellationToken);
            return new RememberOutcome(stored.Id, Merged: true, stored.ConfirmationCount);
        }

        var row = new LongTermMemory
        {
            Id = Guid.CreateVersion7(),
            Scope = memory.Scope,
            ScopeKey = memory.ScopeKey,
            Kind = memory.Kind,
            Content = memory.Content,
            Evidence = WriteEvidence(memory.Evidence),
            Embedding = embedding,
            EmbeddingModel = embedder.ModelId,
            Confidence = memory.Confidence,
            CreatedAt = now,
            ConfirmationCount = 1,
            Source = memory.Source,
        };
        context.LongTermMemories.Add(row);
        await context.SaveChangesAsync(cancellationToken);
        return new RememberOutcome(row.Id, Merged: false, 1);
    }

    /// <summary>Checks and canonicalises a memory (scope names lower-case, keys trimmed); throws <see cref="ArgumentException"/> when it is unusable.</summary>
    public static NewMemory Validate(NewMemory memory)
    {
        var scope = MemoryScopes.Normalise(memory.Scope)
            ?? throw new ArgumentException($"unknown scope '{memory.Scope}'; use {string.Join(", ", MemoryScopes.All)}", nameof(memory));
        var key = string.IsNullOrWhiteSpace(memory.ScopeKey) ? null : memory.ScopeKey.Trim();
        if (scope == MemoryScopes.Business) key = null;
        else if (key is null) throw new ArgumentException($"a {scope} memory needs a scope key (which {scope})", nameof(memory));
        if (scope == MemoryScopes.Persona) key = key!.ToLowerInvariant();
        if (key is { Length: > 200 }) throw new ArgumentException("the scope key is longer than 200 characters", nameof(memory));
        if (string.IsNullOrWhiteSpace(memory.Content)) throw new ArgumentException("the memory is empty", nameof(memory));
        if (memory.Content.Length > 4000) throw new ArgumentException("the memory is longer than 4000 characters", nameof(memory));
        if (memory.Confidence is < 0 or > 1) throw new ArgumentException("confidence must be between 0 and 1", nameof(memory));
        var kind = string.IsNullOrWhiteSpace(memory.Kind) ? "lesson" : memory.Kind.Trim().ToLowerInvariant();
        return memory with { Scope = scope, ScopeKey = key, Content = memory.Content.Trim(), Kind = kind.Length > 32 ? kind[..32] : kind };
    }

    /// <summary>Changes a memory's content (a founder's correction): re-embedded and counted as confirmed now. False when it does not exist.</summary>
    public async Task<bool> UpdateAsync(Guid id, string content, string editedBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(content)) throw new ArgumentException("the memory is empty", nameof(content));
        var vector = (await embedder.EmbedAsync([content.Trim()], cancellationToken))[0];
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var stored = await context.LongTermMemories.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (stored is null) return false;
        var now = time.GetUtcNow();
        stored.Content = content.Trim();
        stored.Embedding = new Vector(vector);
        stored.EmbeddingModel = embedder.ModelId;
        stored.UpdatedAt = now;
        stored.LastConfirmedAt = now;
        stored.EditedBy = editedBy;
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes a memory; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        return await context.LongTermMemories.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Memories matching the filter, most recently confirmed first.</summary>
    public async Task<IReadOnlyList<MemoryRecord>> ListAsync(MemoryListFilter filter, CancellationToken cancellationToken = default)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var query = context.LongTermMemories.AsNoTracking();
        if (MemoryScopes.Normalise(filter.Scope) is { } scope) query = query.Where(m => m.Scope == scope);
        if (!string.IsNullOrWhiteSpace(filter.ScopeKey)) query = query.Where(m => m.ScopeKey == filter.ScopeKey.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Kind)) query = query.Where(m => m.Kind == filter.Kind.Trim().ToLower());
        if (!string.IsNullOrWhiteSpace(filter.Text)) query = query.Where(m => EF.Functions.ILike(m.Content, "%" + EscapeLike(filter.Text.Trim()) + "%"));
        var rows = await query
            .OrderByDescending(m => m.LastConfirmedAt ?? m.CreatedAt).ThenBy(m => m.Id)
            .Take(Math.Clamp(filter.Limit, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>One memory by id, or null.</summary>
    public async Task<MemoryRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var row = await context.LongTermMemories.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>The distinct kinds stored, for the console's filter.</summary>
    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken cancellationToken = default)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        return await context.LongTermMemories.Select(m => m.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
    }

    internal static MemoryRecord ToRecord(LongTermMemory m) => new()
    {
        Id = m.Id, Scope = m.Scope, ScopeKey = m.ScopeKey, Kind = m.Kind, Content = m.Content,
        Evidence = m.Evidence.RootElement.Clone(), Confidence = m.Confidence, ConfirmationCount = m.ConfirmationCount,
        Source = m.Source, CreatedAt = m.CreatedAt, LastConfirmedAt = m.LastConfirmedAt, UpdatedAt = m.UpdatedAt, EditedBy = m.EditedBy,
    };

    internal static List<MemoryEvidence> ReadEvidence(JsonDocument? document) =>
        document?.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.Deserialize<List<MemoryEvidence>>(JsonDefaults.Options) ?? []
            : [];

    private static JsonDocument WriteEvidence(IEnumerable<MemoryEvidence> evidence) =>
        JsonSerializer.SerializeToDocument(evidence.ToList(), JsonDefaults.Options);

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
