using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace LiveShop.Memory.Tests.Knowledge;

public sealed class KnowledgeIngestionTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Section(string heading, string word, int words) =>
        $"## {heading}\n\n{string.Join(' ', Enumerable.Range(1, words).Select(i => $"{word}{i % 7}"))}\n\n";

    [Fact]
    public async Task Reingesting_skips_unchanged_files_and_replaces_changed_ones()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_folder, "policies")).FullName;
        var file = Path.Combine(policies, "returns.md");
        await File.WriteAllTextAsync(file, "# Returns\n\n" + Section("Window", "window", 120) + Section("Postage", "postage", 120));
        var other = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(other, "Plain text note about the warehouse.\n\nSecond paragraph about pallets.");
        var embedder = new HashingTestEmbedder();
        var ingestor = new KnowledgeIngestor(database.DataSource, embedder, TimeProvider.System);

        var first = await ingestor.IngestAsync([_folder]);
        Assert.Equal([IngestStatus.Added, IngestStatus.Added], first.Select(o => o.Status));
        var returns = first.Single(o => o.Source == file);
        var chunksBefore = await ChunkCountAsync(returns.DocumentId!.Value);
        Assert.Equal(2, chunksBefore);

        var callsBefore = embedder.Calls;
        var second = await ingestor.IngestAsync([_folder]);
        Assert.All(second, o => Assert.Equal(IngestStatus.Unchanged, o.Status));
        Assert.Equal(callsBefore, embedder.Calls);

        await File.WriteAllTextAsync(file, "# Returns\n\n" + Section("Window", "window", 120) + Section("Postage", "changed", 120));
        var third = await ingestor.IngestAsync([_folder]);
        Assert.Equal(IngestStatus.Unchanged, third.Single(o => o.Source == other).Status);
        var updated = third.Single(o => o.Source == file);
        Assert.Equal(IngestStatus.Updated, updated.Status);
        Assert.Equal(returns.DocumentId, updated.DocumentId);
        Assert.Equal(chunksBefore, await ChunkCountAsync(returns.DocumentId.Value));

        await using var context = database.CreateContext();
        var stored = await context.KnowledgeDocuments.Include(d => d.Chunks).SingleAsync(d => d.Source == file);
        Assert.Equal("policies", stored.DocType);
        Assert.Contains("policies", stored.Tags);
        Assert.Contains(stored.Chunks, c => c.Content.Contains("changed1"));
        Assert.DoesNotContain(stored.Chunks, c => c.Content.Contains("postage1"));
        Assert.All(stored.Chunks, c => Assert.Equal("test/hashing", c.EmbeddingModel));
        Assert.Equal(["Returns > Window", "Returns > Postage"], stored.Chunks.OrderBy(c => c.Position).Select(c => c.HeadingPath));
    }

    [Fact]
    public async Task Bad_paths_fail_with_a_reason_and_do_not_stop_the_rest()
    {
        var good = Path.Combine(_folder, "good.md");
        await File.WriteAllTextAsync(good, "---\ntype: sop\ntags: [warehouse]\n---\n# Good\n\nSome text.");
        var image = Path.Combine(_folder, "photo.png");
        await File.WriteAllBytesAsync(image, [1, 2, 3]);
        var binary = Path.Combine(_folder, "broken.txt");
        await File.WriteAllBytesAsync(binary, [0xC3, 0x28, 0xFF]);
        var ingestor = new KnowledgeIngestor(database.DataSource, new HashingTestEmbedder(), TimeProvider.System);

        var outcomes = await ingestor.IngestAsync([Path.Combine(_folder, "missing.md"), image, binary, good]);

        Assert.Equal(IngestStatus.Failed, outcomes[0].Status);
        Assert.Contains("not found", outcomes[0].Reason);
        Assert.Contains("unsupported extension '.png'", outcomes[1].Reason);
        Assert.Contains("unreadable", outcomes[2].Reason);
        Assert.Equal(IngestStatus.Added, outcomes[3].Status);

        var listed = Assert.Single(await ingestor.ListAsync(), d => d.Source == good);
        Assert.Equal("sop", listed.DocType);
        Assert.Equal(["warehouse"], listed.Tags);
    }

    [Fact]
    public async Task Remove_by_source_or_id_deletes_the_document_and_its_chunks()
    {
        var a = Path.Combine(_folder, "a.md");
        var b = Path.Combine(_folder, "b.md");
        await File.WriteAllTextAsync(a, "# A\n\nAlpha text.");
        await File.WriteAllTextAsync(b, "# B\n\nBeta text.");
        var ingestor = new KnowledgeIngestor(database.DataSource, new HashingTestEmbedder(), TimeProvider.System);
        var outcomes = await ingestor.IngestAsync([a, b]);

        Assert.Equal(1, await ingestor.RemoveAsync(a));
        Assert.Equal(1, await ingestor.RemoveAsync(outcomes[1].DocumentId!.Value.ToString()));
        Assert.Equal(0, await ingestor.RemoveAsync(a));
        Assert.Equal(0, await ChunkCountAsync(outcomes[0].DocumentId!.Value));
        Assert.Equal(0, await ChunkCountAsync(outcomes[1].DocumentId!.Value));
    }

    [Fact]
    public async Task A_pdf_is_read_page_by_page_and_cited_by_page()
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Carrier contract summary";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page1 = builder.AddPage(PageSize.A4);
        page1.AddText("Parcels over five kilograms travel with Sendle.", 12, new PdfPoint(40, 750), font);
        var page2 = builder.AddPage(PageSize.A4);
        page2.AddText("Lithium batteries travel by road only, never by air.", 12, new PdfPoint(40, 750), font);
        var pdf = Path.Combine(_folder, "carrier.pdf");
        await File.WriteAllBytesAsync(pdf, builder.Build());
        var embedder = new HashingTestEmbedder();

        var outcome = Assert.Single(await new KnowledgeIngestor(database.DataSource, embedder, TimeProvider.System).IngestAsync([pdf]));
        Assert.Equal(IngestStatus.Added, outcome.Status);
        Assert.Equal("Carrier contract summary", outcome.Title);

        var hits = await new KnowledgeSearch(database.DataSource, embedder)
            .SearchAsync(new KnowledgeQuery { Text = "lithium batteries air", K = 1, Mode = SearchMode.FullTextOnly });
        var hit = Assert.Single(hits);
        Assert.Equal("Page 2", hit.HeadingPath);
        Assert.Contains("by road only", hit.Content);
    }

    [Fact]
    public async Task Reembedding_moves_every_chunk_to_the_current_model()
    {
        var file = Path.Combine(_folder, "doc.md");
        await File.WriteAllTextAsync(file, "# Doc\n\n" + Section("One", "one", 200) + Section("Two", "two", 200));
        await new KnowledgeIngestor(database.DataSource, new HashingTestEmbedder("test/old"), TimeProvider.System).IngestAsync([file]);
        var progress = new StringWriter();

        var reembedded = await new KnowledgeReembedder(database.DataSource, new HashingTestEmbedder("test/new")).ReembedAsync(progress, batchSize: 1);

        Assert.True(reembedded >= 2);
        await using var context = database.CreateContext();
        Assert.False(await context.KnowledgeChunks.AnyAsync(c => c.EmbeddingModel != "test/new"));
        Assert.Contains($"re-embedded {reembedded}/{reembedded}", progress.ToString());
        Assert.Equal(0, await new KnowledgeReembedder(database.DataSource, new HashingTestEmbedder("test/new")).ReembedAsync(TextWriter.Null));
    }

    private async Task<int> ChunkCountAsync(Guid documentId)
    {
        await using var context = database.CreateContext();
        return await context.KnowledgeChunks.CountAsync(c => c.DocumentId == documentId);
    }
}
