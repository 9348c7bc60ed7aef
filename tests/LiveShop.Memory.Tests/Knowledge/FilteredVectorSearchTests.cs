using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Testing;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace LiveShop.Memory.Tests.Knowledge;

public sealed class FilteredVectorSearchTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int ChunksPerDocument = 1500;

    /// <summary>Answers every query with the same vector: the test controls where the query lands.</summary>
    private sealed class FixedQueryEmbedder(float[] vector) : ITextEmbedder
    {
        public string ModelId => "test/fixed";
        public int Dimensions => 384;
        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            Task.FromResult(texts.Select(_ => vector).ToArray());
    }

    [Fact]
    public async Task Filtered_vector_search_returns_k_results_even_when_the_filter_excludes_the_whole_neighbourhood()
    {
        // Half the passages (type "common") sit around the query; the other half (type "rare") far away. A plain HNSW
        // scan visits ef_search=40 neighbours, all "common", so filtering afterwards leaves nothing.
        var random = new Random(3);
        await InsertDocumentAsync("common", Cluster(axis: 0, random), CancellationToken.None);
        await InsertDocumentAsync("rare", Cluster(axis: 1, random), CancellationToken.None);
        // Only the table's owner may ANALYZE (in production autovacuum does it).
        await using (var analyze = database.OwnerDataSource.CreateCommand("ANALYZE knowledge_chunks")) await analyze.ExecuteNonQueryAsync();
        var query = new float[384];
        query[0] = 1;
        var embedder = new FixedQueryEmbedder(query);
        var request = new KnowledgeQuery { Text = "anything", K = 5, DocType = "rare", Mode = SearchMode.VectorOnly };

        var postFiltered = await new KnowledgeSearch(database.DataSource, embedder) { UseIterativeScan = false }.SearchAsync(request);
        var iterative = await new KnowledgeSearch(database.DataSource, embedder).SearchAsync(request);

        Assert.True(postFiltered.Count < 5, $"plain HNSW with a post-filter should come up short here, returned {postFiltered.Count}");
        Assert.Equal(5, iterative.Count);
        Assert.All(iterative, h => Assert.Equal("rare", h.DocType));

        var unfiltered = await new KnowledgeSearch(database.DataSource, embedder).SearchAsync(request with { DocType = null });
        Assert.All(unfiltered, h => Assert.Equal("common", h.DocType));
    }

    private static IEnumerable<float[]> Cluster(int axis, Random random)
    {
        for (var i = 0; i < ChunksPerDocument; i++)
        {
            var v = new float[384];
            for (var d = 0; d < 384; d++) v[d] = (float)(random.NextDouble() - 0.5) * 0.1f;
            v[axis] += 1;
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            yield return v.Select(x => x / norm).ToArray();
        }
    }

    private async Task InsertDocumentAsync(string docType, IEnumerable<float[]> vectors, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        await using (var document = database.DataSource.CreateCommand(
            "INSERT INTO knowledge_documents (id, source, title, doc_type, tags, content_hash, ingested_at) VALUES ($1, $2, $3, $4, '{}', 'x', now())"))
        {
            document.Parameters.Add(new NpgsqlParameter { Value = id });
            document.Parameters.Add(new NpgsqlParameter { Value = $"synthetic/{docType}" });
            document.Parameters.Add(new NpgsqlParameter { Value = $"Synthetic {docType}" });
            document.Parameters.Add(new NpgsqlParameter { Value = docType });
            await document.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge_chunks (document_id, position, heading_path, content, embedding, embedding_model) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var position = 0;
        foreach (var vector in vectors)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(position, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync("Synthetic", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync($"{docType} passage {position}", NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(new Vector(vector), cancellationToken);
            await writer.WriteAsync("test/fixed", NpgsqlDbType.Varchar, cancellationToken);
            position++;
        }
        await writer.CompleteAsync(cancellationToken);
    }
}
