using LiveShop.Memory.Knowledge.Ingestion;
using Npgsql;
using Pgvector;

namespace LiveShop.Memory.Knowledge.Embeddings;

/// <summary>
/// Brings stored vectors up to the current model: after switching embedding provider, chunks embedded by another
/// model are re-embedded in batches (vectors of different models are not comparable).
/// </summary>
public sealed class KnowledgeReembedder(NpgsqlDataSource dataSource, ITextEmbedder embedder)
{
    /// <summary>Re-embeds every chunk whose model differs from <see cref="ITextEmbedder.ModelId"/>; returns how many were.</summary>
    public async Task<int> ReembedAsync(TextWriter progress, int batchSize = 64, CancellationToken cancellationToken = default)
    {
        var total = await CountStaleAsync(cancellationToken);
        if (total == 0)
        {
            await progress.WriteLineAsync($"all chunks already embedded with {embedder.ModelId}");
            return 0;
        }
        await progress.WriteLineAsync($"re-embedding {total} chunks with {embedder.ModelId}");
        var done = 0;
        while (true)
        {
            var batch = await NextBatchAsync(batchSize, cancellationToken);
            if (batch.Count == 0) break;
            var vectors = await embedder.EmbedAsync(
                batch.Select(c => KnowledgeIngestor.EmbeddingText(c.Title, c.HeadingPath, c.Content)).ToList(), cancellationToken);
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            await using (var npgsqlBatch = new NpgsqlBatch(connection))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    npgsqlBatch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE knowledge_chunks SET embedding = $1, embedding_model = $2 WHERE id = $3")
                    {
                        Parameters = { new() { Value = new Vector(vectors[i]) }, new() { Value = embedder.ModelId }, new() { Value = batch[i].Id } },
                    });
                }
                await npgsqlBatch.ExecuteNonQueryAsync(cancellationToken);
            }
            done += batch.Count;
            await progress.WriteLineAsync($"re-embedded {done}/{total}");
        }
        return done;
    }

    private async Task<long> CountStaleAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM knowledge_chunks WHERE embedding_model <> $1");
        command.Parameters.Add(new NpgsqlParameter { Value = embedder.ModelId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<StaleChunk>> NextBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT c.id, d.title, c.heading_path, c.content
            FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
            WHERE c.embedding_model <> $1
            ORDER BY c.id
            LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = embedder.ModelId });
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        var rows = new List<StaleChunk>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new StaleChunk(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }

    private sealed record StaleChunk(long Id, string Title, string HeadingPath, string Content);
}
