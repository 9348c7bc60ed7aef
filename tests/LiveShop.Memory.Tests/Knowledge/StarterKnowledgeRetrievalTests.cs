using LiveShop.Memory.Knowledge;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Testing;
using Xunit.Abstractions;

namespace LiveShop.Memory.Tests.Knowledge;

public sealed class StarterKnowledgeRetrievalTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly string QuestionsFile = Path.Combine(AppContext.BaseDirectory, "Knowledge", "retrieval-questions.tsv");

    [Fact]
    public async Task Hybrid_retrieval_finds_the_right_document_in_the_top_five_for_nine_in_ten_questions()
    {
        var knowledge = StarterKnowledge.Directory;
        Assert.NotNull(knowledge);
        var embedder = LocalMiniLmEmbedder.Shared;
        var outcomes = await new KnowledgeIngestor(database.DataSource, embedder, TimeProvider.System).IngestAsync([knowledge]);
        Assert.True(outcomes.Count >= 9, $"expected the nine starter documents, got {outcomes.Count}");
        // The other test in this class may have ingested first: both outcomes mean the document is stored.
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { IngestStatus.Added, IngestStatus.Unchanged }));

        var questions = File.ReadAllLines(QuestionsFile)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (Question: p[0], Expected: p[1]))
            .ToList();
        Assert.True(questions.Count >= 50);

        var search = new KnowledgeSearch(database.DataSource, embedder);
        var hybridHits = 0;
        var fullTextHits = 0;
        var hybridFirst = 0;
        var fullTextFirst = 0;
        foreach (var (question, expected) in questions)
        {
            var hybrid = await search.SearchAsync(new KnowledgeQuery { Text = question, K = 5 });
            var fullText = await search.SearchAsync(new KnowledgeQuery { Text = question, K = 5, Mode = SearchMode.FullTextOnly });
            var hybridFound = hybrid.Any(h => Path.GetFileName(h.Source) == expected);
            if (hybridFound) hybridHits++;
            else output.WriteLine($"hybrid miss: {question} → {string.Join(", ", hybrid.Select(h => Path.GetFileName(h.Source)).Distinct())}");
            if (fullText.Any(h => Path.GetFileName(h.Source) == expected)) fullTextHits++;
            if (hybrid.Count > 0 && Path.GetFileName(hybrid[0].Source) == expected) hybridFirst++;
            if (fullText.Count > 0 && Path.GetFileName(fullText[0].Source) == expected) fullTextFirst++;
        }

        var hybridRecall = (double)hybridHits / questions.Count;
        var fullTextRecall = (double)fullTextHits / questions.Count;
        output.WriteLine($"questions: {questions.Count}");
        output.WriteLine($"recall@5 hybrid:    {hybridRecall:F3}");
        output.WriteLine($"recall@5 full-text: {fullTextRecall:F3}");
        output.WriteLine($"recall@1 hybrid:    {(double)hybridFirst / questions.Count:F3}");
        output.WriteLine($"recall@1 full-text: {(double)fullTextFirst / questions.Count:F3}");
        Assert.True(hybridRecall >= 0.9, $"hybrid recall@5 {hybridRecall:F3} < 0.9 (full-text baseline {fullTextRecall:F3})");
    }

    [Fact]
    public async Task A_hit_carries_its_citation_and_filters_narrow_by_type_and_tag()
    {
        var knowledge = StarterKnowledge.Directory!;
        var embedder = LocalMiniLmEmbedder.Shared;
        await new KnowledgeIngestor(database.DataSource, embedder, TimeProvider.System).IngestAsync([knowledge]);
        var search = new KnowledgeSearch(database.DataSource, embedder);

        var hits = await search.SearchAsync(new KnowledgeQuery { Text = "partial refund for a scuffed box", K = 3 });
        var top = hits[0];
        Assert.Equal("Refund policy", top.Title);
        Assert.Equal("Refund policy > Partial refunds", top.HeadingPath);
        Assert.EndsWith("refund-policy.md", top.Source);
        Assert.Contains("20%", top.Content);
        Assert.False(string.IsNullOrWhiteSpace(top.Snippet));
        Assert.Contains("Partial refunds", top.Citation);

        var sops = await search.SearchAsync(new KnowledgeQuery { Text = "refund", K = 5, DocType = "sop" });
        Assert.NotEmpty(sops);
        Assert.All(sops, h => Assert.Equal("sop", h.DocType));

        var tagged = await search.SearchAsync(new KnowledgeQuery { Text = "refund", K = 5, Tag = "chargebacks" });
        Assert.NotEmpty(tagged);
        Assert.All(tagged, h => Assert.Equal("Chargeback evidence guide", h.Title));

        Assert.Empty(await search.SearchAsync(new KnowledgeQuery { Text = "refund", Tag = "no-such-tag" }));
    }
}
