using LiveShop.Memory.Knowledge.Chunking;
using LiveShop.Memory.Knowledge.Ingestion;

namespace LiveShop.Memory.Tests.Knowledge;

public sealed class TextChunkerTests
{
    private static string Words(string prefix, int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => $"{prefix}{i}"));

    [Fact]
    public void Heading_path_names_every_heading_above_the_passage()
    {
        var markdown = $"""
            # Refund policy

            {Words("intro", 60)}

            ## Partial refunds

            {Words("partial", 80)}

            ### Missing bundle items

            {Words("bundle", 80)}

            ## Refund timing

            {Words("timing", 80)}
            """;
        var chunks = new TextChunker().Chunk(MarkdownReader.ParseMarkdown(markdown, "fallback"));

        Assert.Equal(
            ["Refund policy", "Refund policy > Partial refunds", "Refund policy > Partial refunds > Missing bundle items", "Refund policy > Refund timing"],
            chunks.Select(c => c.HeadingPath));
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.Position));
        Assert.StartsWith("partial1 ", chunks[1].Content);
    }

    [Fact]
    public void Long_section_is_split_between_paragraphs_with_one_paragraph_of_overlap()
    {
        var paragraphs = Enumerable.Range(1, 8).Select(p => Words($"p{p}w", 50)).ToList();
        var markdown = "# Long\n\n" + string.Join("\n\n", paragraphs);
        var options = new ChunkingOptions { MaxWords = 160, OverlapWords = 60 };

        var chunks = new TextChunker(options).Chunk(MarkdownReader.ParseMarkdown(markdown, "x"));

        Assert.True(chunks.Count >= 3, $"expected the 400-word section to split, got {chunks.Count} chunks");
        Assert.All(chunks, c => Assert.True(c.WordCount <= 160, $"chunk {c.Position} has {c.WordCount} words"));
        for (var i = 1; i < chunks.Count; i++)
        {
            var previousLastParagraph = chunks[i - 1].Content.Split("\n\n")[^1];
            Assert.StartsWith(previousLastParagraph, chunks[i].Content);
        }
        // Every paragraph is in some chunk.
        Assert.All(paragraphs, p => Assert.Contains(chunks, c => c.Content.Contains(p)));
    }

    [Fact]
    public void Overlap_of_a_long_paragraph_is_its_last_words_only()
    {
        var markdown = "# Wall\n\n" + Words("a", 200) + "\n\n" + Words("b", 200);
        var chunks = new TextChunker(new ChunkingOptions { MaxWords = 250, OverlapWords = 50 }).Chunk(MarkdownReader.ParseMarkdown(markdown, "x"));

        Assert.Equal(2, chunks.Count);
        Assert.StartsWith("a151 a152", chunks[1].Content);
        Assert.DoesNotContain("a150 ", chunks[1].Content);
    }

    [Fact]
    public void Short_introduction_is_carried_into_the_first_subsection()
    {
        var markdown = $"# Guide\n\nShort intro line.\n\n## Details\n\n{Words("d", 100)}";
        var chunks = new TextChunker().Chunk(MarkdownReader.ParseMarkdown(markdown, "x"));

        var only = Assert.Single(chunks);
        Assert.Equal("Guide > Details", only.HeadingPath);
        Assert.StartsWith("Short intro line.", only.Content);
    }

    [Fact]
    public void Front_matter_gives_title_type_and_tags_and_is_not_content()
    {
        var markdown = "---\ntitle: Returns SOP\ntype: Policy\ntags: [Refunds, support]\n---\n# Heading\n\nBody text here.";
        var parsed = MarkdownReader.ParseMarkdown(markdown, "fallback");

        Assert.Equal("Returns SOP", parsed.Title);
        Assert.Equal("policy", parsed.DocType);
        Assert.Equal(["refunds", "support"], parsed.Tags);
        Assert.DoesNotContain(parsed.Blocks, b => b.Text.Contains("tags"));
    }

    [Fact]
    public void Front_matter_tags_may_be_a_dash_list()
    {
        var (frontMatter, body) = FrontMatter.Split("---\ntype: sop\ntags:\n  - warehouse\n  - \"3pl\"\n---\nBody");
        Assert.Equal(["warehouse", "3pl"], frontMatter.Tags);
        Assert.Equal("sop", frontMatter.Type);
        Assert.Equal("Body", body);
    }

    [Fact]
    public void Headings_inside_code_fences_are_not_headings()
    {
        var markdown = "# Doc\n\n```\n# not a heading\n```\n\nAfter.";
        var parsed = MarkdownReader.ParseMarkdown(markdown, "x");
        Assert.Single(parsed.Blocks, b => b.IsHeading);
    }
}
