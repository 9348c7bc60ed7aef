using LiveShop.Memory.Knowledge.Embeddings;
using Npgsql;
using Pgvector;

namespace LiveShop.Memory.Knowledge.Retrieval;

/// <summary>
/// Finds the passages that answer a question: pgvector HNSW cosine search and PostgreSQL full-text search, fused by
/// reciprocal rank fusion, optionally filtered by document type or tag, each hit carrying its citation.
/// </summary>
public sealed class KnowledgeSearch(NpgsqlDataSource dataSource, ITextEmbedder embedder)
{
    // Each ranking contributes this many candidates to the fusion, so a passage ranked modestly by both still surfaces.
    private const int MinCandidates = 40;

    // Iterative scans let a filtered HNSW query keep walking the graph until it has k matching rows; turn them off only
    // to show what a plain index scan with a post-filter would return.
    internal bool UseIterativeScan { get; init; } = true;

    /// <summary>The <paramref name="query"/>'s best passages, best first.</summary>
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(KnowledgeQuery query, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query.Text)) throw new ArgumentException("the question is empty", nameof(query));
        if (query.K is < 1 or > 200) throw new ArgumentOutOfRangeException(nameof(query), "k must be between 1 and 200");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Guid[]? documents = null;
        if (query.DocType is not null || query.Tag is not null)
        {
            documents = await MatchingDocumentsAsync(connection, query, cancellationToken);
            if (documents.Length == 0) return [];
        }

        var candidates = query.Mode == SearchMode.Hybrid ? Math.Max(MinCandidates, query.K * 4) : query.K;
        var rankings = new List<IReadOnlyList<long>>();
        if (query.Mode != SearchMode.FullTextOnly)
        {
            var vector = (await embedder.EmbedAsync([query.Text], cancellationToken))[0];
            rankings.Add(await VectorRankingAsync(connection, new Vector(vector), documents, candidates, cancellationToken));
        }
        if (query.Mode != SearchMode.VectorOnly)
            rankings.Add(await FullTextRankingAsync(connection, query.Text, documents, candidates, cancellationToken));

        var fused = ReciprocalRankFusion.Fuse(rankings).Take(query.K).ToList();
        return await LoadHitsAsync(connection, query.Text, fused, cancellationToken);
    }

    /// <summary>Ids of the chunks nearest to <paramref name="vector"/> by cosine distance, nearest first.</summary>
    internal async Task<IReadOnlyList<long>> VectorRankingAsync(
        NpgsqlConnection connection, Vector vector, Guid[]? documents, int limit, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand(
            "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', $2, true)", connection, transaction))
        {
            settings.Parameters.Add(new NpgsqlParameter { Value = Math.Max(40, limit).ToString(System.Globalization.CultureInfo.InvariantCulture) });
            settings.Parameters.Add(new NpgsqlParameter { Value = UseIterativeScan ? "relaxed_order" : "off" });
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }
        // relaxed_order may return rows slightly out of order: materialise, then sort the few rows exactly.
        var filter = documents is null ? "" : "WHERE document_id = ANY($3)";
        await using var command = new NpgsqlCommand(
            $"""
            WITH nearest AS MATERIALIZED (
                SELECT id, embedding <=> $1 AS distance FROM knowledge_chunks {filter}
                ORDER BY embedding <=> $1 LIMIT $2)
            SELECT id FROM nearest ORDER BY distance, id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = vector });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        if (documents is not null) command.Parameters.Add(new NpgsqlParameter { Value = documents });
        var ids = await ReadIdsAsync(command, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    private static async Task<IReadOnlyList<long>> FullTextRankingAsync(
        NpgsqlConnection connection, string text, Guid[]? documents, int limit, CancellationToken cancellationToken)
    {
        var filter = documents is null ? "" : "AND c.document_id = ANY($3)";
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c.id FROM knowledge_chunks c, ({RelaxedQuery}) q
            WHERE c.search_vector @@ q.query {filter}
            ORDER BY ts_rank(c.search_vector, q.query, 1) DESC, c.id
            LIMIT $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        if (documents is not null) command.Parameters.Add(new NpgsqlParameter { Value = documents });
        return await ReadIdsAsync(command, cancellationToken);
    }

    // websearch_to_tsquery understands quotes and "-word", but ANDs every word, so a question phrased in full rarely
    // matches any passage; OR-ing the terms lets ts_rank order passages by how many of them they contain.
    private const string RelaxedQuery = "SELECT replace(websearch_to_tsquery('english', $1)::text, ' & ', ' | ')::tsquery AS query";

    private static async Task<Guid[]> MatchingDocumentsAsync(NpgsqlConnection connection, KnowledgeQuery query, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id FROM knowledge_documents WHERE ($1::text IS NULL OR doc_type = $1) AND ($2::text IS NULL OR tags @> ARRAY[$2::text])",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.DocType?.ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Tag?.ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    private static async Task<IReadOnlyList<KnowledgeHit>> LoadHitsAsync(
        NpgsqlConnection connection, string text, IReadOnlyList<(long Id, double Score)> fused, CancellationToken cancellationToken)
    {
        if (fused.Count == 0) return [];
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c.id, c.document_id, d.title, d.source, d.doc_type, c.heading_path, c.position, c.content,
                   ts_headline('english', c.content, q.query, 'MaxWords=35, MinWords=15, MaxFragments=1, StartSel=**, StopSel=**')
            FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id, ({RelaxedQuery}) q
            WHERE c.id = ANY($2)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = fused.Select(f => f.Id).ToArray() });
        var byId = new Dictionary<long, KnowledgeHit>();
        var scores = fused.ToDictionary(f => f.Id, f => f.Score);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            byId[id] = new KnowledgeHit
            {
                ChunkId = id,
                DocumentId = reader.GetGuid(1),
                Title = reader.GetString(2),
                Source = reader.GetString(3),
                DocType = reader.GetString(4),
                HeadingPath = reader.GetString(5),
                Position = reader.GetInt32(6),
                Content = reader.GetString(7),
                Snippet = string.Join(' ', reader.GetString(8).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
                Score = scores[id],
            };
        }
        return fused.Where(f => byId.ContainsKey(f.Id)).Select(f => byId[f.Id]).ToList();
    }

    private static async Task<IReadOnlyList<long>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
