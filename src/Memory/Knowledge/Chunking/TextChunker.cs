namespace LiveShop.Memory.Knowledge.Chunking;

/// <summary>
/// Splits a document into passages along its headings and paragraphs: a heading always starts a new passage (so
/// each passage cites one section), a long section is split between paragraphs with one paragraph of overlap.
/// </summary>
public sealed class TextChunker(ChunkingOptions options)
{
    /// <summary>Heading separator in <see cref="TextChunk.HeadingPath"/>.</summary>
    public const string PathSeparator = " > ";

    /// <summary>A chunker with <see cref="ChunkingOptions.Default"/>.</summary>
    public TextChunker() : this(ChunkingOptions.Default)
    {
    }

    /// <summary>The passages of <paramref name="document"/>, positions numbered from 0.</summary>
    public IReadOnlyList<TextChunk> Chunk(ParsedDocument document)
    {
        var chunks = new List<TextChunk>();
        var headings = new List<(int Level, string Text)>();
        var section = new List<string>();
        var sectionPath = "";
        var sectionLevel = 0;

        foreach (var block in document.Blocks)
        {
            if (block.IsHeading)
            {
                var carry = section.Count > 0 && CountWords(section) < options.MinSectionWords && block.HeadingLevel > sectionLevel;
                if (!carry)
                {
                    EmitSection(section, sectionPath, chunks);
                    section.Clear();
                }
                headings.RemoveAll(h => h.Level >= block.HeadingLevel);
                headings.Add((block.HeadingLevel, block.Text.Trim()));
                sectionPath = string.Join(PathSeparator, headings.Select(h => h.Text));
                sectionLevel = block.HeadingLevel;
                // A short introduction carried forward keeps the heading it introduces, so the text still reads in order.
                if (carry) section.Add(block.Text.Trim());
                continue;
            }
            var text = block.Text.Trim();
            if (text.Length > 0) section.Add(text);
        }
        EmitSection(section, sectionPath, chunks);
        return chunks;
    }

    internal static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static int CountWords(IEnumerable<string> paragraphs) => paragraphs.Sum(CountWords);

    private void EmitSection(IReadOnlyList<string> paragraphs, string path, List<TextChunk> chunks)
    {
        if (paragraphs.Count == 0) return;
        var pieces = paragraphs.SelectMany(SplitOversized).ToList();
        var current = new List<string>();
        var currentWords = 0;
        var hasNewContent = false;
        foreach (var piece in pieces)
        {
            var words = CountWords(piece);
            if (hasNewContent && currentWords + words > options.MaxWords)
            {
                chunks.Add(new TextChunk(chunks.Count, path, string.Join("\n\n", current)));
                var overlap = Overlap(current[^1]);
                current = [overlap];
                currentWords = CountWords(overlap);
                hasNewContent = false;
            }
            current.Add(piece);
            currentWords += words;
            hasNewContent = true;
        }
        if (hasNewContent) chunks.Add(new TextChunk(chunks.Count, path, string.Join("\n\n", current)));
    }

    // The last paragraph when it is short, else its last OverlapWords words: the next passage keeps its lead-in.
    private string Overlap(string lastParagraph)
    {
        var words = lastParagraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= options.OverlapWords ? lastParagraph : string.Join(' ', words[^options.OverlapWords..]);
    }

    // A paragraph longer than a passage (a PDF page without blank lines, a wall of text) is cut by words.
    private IEnumerable<string> SplitOversized(string paragraph)
    {
        var words = paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var size = Math.Max(1, options.MaxWords - options.OverlapWords);
        if (words.Length <= size)
        {
            yield return paragraph;
            yield break;
        }
        for (var start = 0; start < words.Length; start += size)
            yield return string.Join(' ', words.Skip(start).Take(size));
    }
}
