using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace LiveShop.Memory.Learnings;

public sealed partial class MemoryStore
{
    /// <summary>
    /// The memories most relevant to <paramref name="query"/> that <paramref name="scope"/> may see, best first by
    /// similarity × decay. Product and supplier memories are visible only for keys the filter lists or the query names
    /// (e.g. "p_5"); a persona sees its own persona memories and no other persona's.
    /// </summary>
    public async Task<IReadOnlyList<RecalledMemory>> RecallAsync(string query, MemoryScopeFilter scope, int k = 5, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("the question is empty", nameof(query));
        if (k is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(k), "k must be between 1 and 100");
        var vector = (await embedder.EmbedAsync([query], cancellationToken))[0];

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var named = await KeysNamedInAsync(connection, query, cancellationToken);
        var products = scope.Products.Select(p => p.Trim()).Concat(named.Products).Where(p => p.Length > 0).Distinct().ToArray();
        var suppliers = scope.Suppliers.Select(s => s.Trim()).Concat(named.Suppliers).Where(s => s.Length > 0).Distinct().ToArray();
        var persona = string.IsNullOrWhiteSpace(scope.Persona) ? null : scope.Persona.Trim().ToLowerInvariant();

        // Exact distances over the visible rows only (a materialised scan, not the HNSW index): the scope filter is
        // applied before ranking, so a filtered recall can never be padded with another scope's rows.
        await using var command = new NpgsqlCommand(
            """
            WITH visible AS MATERIALIZED (
                SELECT id, scope, scope_key, kind, content, evidence::text AS evidence, confidence, confirmation_count, source,
                       created_at, last_confirmed_at, updated_at, edited_by, embedding <=> $1 AS distance
                FROM long_term_memories
                WHERE embedding IS NOT NULL AND (
                       ($2 AND scope = 'business')
                    OR (scope = 'persona' AND scope_key = $3)
                    OR (scope = 'product' AND scope_key = ANY($4))
                    OR (scope = 'supplier' AND scope_key = ANY($5))))
            SELECT * FROM visible ORDER BY distance, id LIMIT $6
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = new Vector(vector) });
        command.Parameters.Add(new NpgsqlParameter { Value = scope.IncludeBusiness });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)persona ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = products, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = suppliers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        // Decay can reorder the nearest few, so rank a wider candidate set than k.
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(50, k * 10) });

        var now = time.GetUtcNow();
        var recalled = new List<RecalledMemory>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var evidence = JsonDocument.Parse(reader.GetString(5));
            var record = new MemoryRecord
            {
                Id = reader.GetGuid(0),
                Scope = reader.GetString(1),
                ScopeKey = reader.IsDBNull(2) ? null : reader.GetString(2),
                Kind = reader.GetString(3),
                Content = reader.GetString(4),
                Evidence = evidence.RootElement.Clone(),
                Confidence = reader.GetDecimal(6),
                ConfirmationCount = reader.GetInt32(7),
                Source = reader.GetString(8),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(9),
                LastConfirmedAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                UpdatedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                EditedBy = reader.IsDBNull(12) ? null : reader.GetString(12),
            };
            var similarity = 1 - reader.GetDouble(13);
            var decay = MemoryRanking.Decay(record.CreatedAt, record.LastConfirmedAt, record.ConfirmationCount, now);
            recalled.Add(new RecalledMemory { Memory = record, Similarity = similarity, Decay = decay, Score = similarity * decay });
        }
        return recalled.OrderByDescending(r => r.Score).ThenBy(r => r.Memory.Id).Take(k).ToList();
    }

    /// <summary>The product and supplier scope keys of stored memories that <paramref name="text"/> names as a whole word.</summary>
    private static async Task<(IReadOnlyList<string> Products, IReadOnlyList<string> Suppliers)> KeysNamedInAsync(
        NpgsqlConnection connection, string text, CancellationToken cancellationToken)
    {
        var words = new HashSet<string>(Words().Matches(text).Select(m => m.Value), StringComparer.OrdinalIgnoreCase);
        if (words.Count == 0) return ([], []);
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT scope, scope_key FROM long_term_memories WHERE scope IN ('product', 'supplier') AND lower(scope_key) = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = words.Select(w => w.ToLowerInvariant()).ToArray() });
        var products = new List<string>();
        var suppliers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            (reader.GetString(0) == MemoryScopes.Product ? products : suppliers).Add(reader.GetString(1));
        return (products, suppliers);
    }

    // Ids such as p_5, s_2 or SKU-104: letters, digits, underscores and inner hyphens.
    [GeneratedRegex(@"[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*")]
    private static partial Regex Words();
}
