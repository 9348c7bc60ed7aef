using Npgsql;

namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>
/// The queue of knowledge files to embed (<c>knowledge_ingestions</c>, raw SQL only). Uploads are queued and answered at
/// once; a worker claims one file at a time with <c>FOR UPDATE SKIP LOCKED</c> and a lease it renews with each batch,
/// so hosts sharing a database never embed the same file twice and a crashed host's file is taken over when its lease
/// runs out.
/// </summary>
public sealed class KnowledgeIngestionQueue(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>How long a claim holds without a progress report before another host may take the file over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const string Columns =
        "id, source, file_name, size_bytes, status, chunks_total, chunks_embedded, detail, document_id, requested_by, created_at, updated_at";

    /// <summary>Queues the stored file <paramref name="source"/> (uploaded as <paramref name="fileName"/>) and returns its progress.</summary>
    public async Task<IngestionProgress> EnqueueAsync(string source, string fileName, long sizeBytes, string? requestedBy, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO knowledge_ingestions (id, source, file_name, size_bytes, status, requested_by, created_at, updated_at) " +
            $"VALUES ($1, $2, $3, $4, 'queued', $5, $6, $6) RETURNING {Columns}");
        Add(command, Guid.CreateVersion7(), source, fileName, sizeBytes, (object?)requestedBy ?? DBNull.Value, now);
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    /// <summary>
    /// Claims the oldest queued file (or one whose claim lapsed) for <paramref name="worker"/>; null when nothing waits.
    /// Rows another host is claiming at this moment are skipped, not waited for.
    /// </summary>
    public async Task<IngestionProgress?> ClaimAsync(string worker, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "UPDATE knowledge_ingestions SET status = 'embedding', claimed_by = $1, claimed_until = $2, updated_at = $3, chunks_embedded = 0 " +
            "WHERE id = (SELECT id FROM knowledge_ingestions " +
            "            WHERE status = 'queued' OR (status = 'embedding' AND claimed_until < $3) " +
            "            ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1) " +
            $"RETURNING {Columns}");
        Add(command, worker, now + Lease, now);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Records progress of a claimed file and renews the claim; false when the claim was lost to another host.</summary>
    public async Task<bool> ReportAsync(Guid id, string worker, int embedded, int total, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "UPDATE knowledge_ingestions SET chunks_embedded = $3, chunks_total = $4, claimed_until = $5, updated_at = $6 " +
            "WHERE id = $1 AND claimed_by = $2 AND status = 'embedding'");
        Add(command, id, worker, embedded, total, now + Lease, now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Ends a claimed file as ready (with its document) or failed (with the reason).</summary>
    public async Task FinishAsync(Guid id, string worker, IngestionStatus status, string? detail, Guid? documentId, CancellationToken cancellationToken = default)
    {
        if (status is not (IngestionStatus.Ready or IngestionStatus.Failed))
            throw new ArgumentOutOfRangeException(nameof(status), status, "an ingestion finishes ready or failed");
        await using var command = dataSource.CreateCommand(
            "UPDATE knowledge_ingestions SET status = $3, detail = $4, document_id = $5, claimed_by = NULL, claimed_until = NULL, updated_at = $6, " +
            "chunks_embedded = CASE WHEN $3 = 'ready' THEN chunks_total ELSE chunks_embedded END " +
            "WHERE id = $1 AND claimed_by = $2");
        Add(command, id, worker, IngestionStatuses.Code(status), (object?)detail ?? DBNull.Value, (object?)documentId ?? DBNull.Value, time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One ingestion, or null when the id is unknown.</summary>
    public async Task<IngestionProgress?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM knowledge_ingestions WHERE id = $1");
        Add(command, id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Every file still queued or embedding, and the most recent finished ones (newest first, at most <paramref name="recent"/>).</summary>
    public async Task<IReadOnlyList<IngestionProgress>> ListAsync(int recent = 20, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"(SELECT {Columns} FROM knowledge_ingestions WHERE status IN ('queued', 'embedding')) " +
            $"UNION ALL (SELECT {Columns} FROM knowledge_ingestions WHERE status IN ('ready', 'failed') ORDER BY updated_at DESC LIMIT $1) " +
            "ORDER BY created_at DESC");
        Add(command, recent);
        return await ReadAsync(command, cancellationToken);
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }

    private static async Task<IReadOnlyList<IngestionProgress>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<IngestionProgress>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new IngestionProgress
            {
                Id = reader.GetGuid(0),
                Source = reader.GetString(1),
                FileName = reader.GetString(2),
                SizeBytes = reader.GetInt64(3),
                Status = IngestionStatuses.Parse(reader.GetString(4)),
                ChunksTotal = reader.GetInt32(5),
                ChunksEmbedded = reader.GetInt32(6),
                Detail = reader.IsDBNull(7) ? null : reader.GetString(7),
                DocumentId = reader.IsDBNull(8) ? null : reader.GetGuid(8),
                RequestedBy = reader.IsDBNull(9) ? null : reader.GetString(9),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(11),
            });
        }
        return rows;
    }
}
