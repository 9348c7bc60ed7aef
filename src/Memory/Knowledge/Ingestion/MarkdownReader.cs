using System.Text;
using System.Text.RegularExpressions;
using LiveShop.Memory.Knowledge.Chunking;

namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>Reads Markdown (with optional front-matter) and plain text into headings and paragraphs.</summary>
public static partial class MarkdownReader
{
    /// <summary>Parses Markdown; <paramref name="fallbackTitle"/> is used when neither front-matter nor a heading names it.</summary>
    public static ParsedDocument ParseMarkdown(string text, string fallbackTitle)
    {
        var (frontMatter, body) = FrontMatter.Split(text);
        var blocks = new List<DocumentBlock>();
        var paragraph = new StringBuilder();
        var inFence = false;

        void FlushParagraph()
        {
            if (paragraph.Length > 0) blocks.Add(DocumentBlock.Paragraph(paragraph.ToString().TrimEnd()));
            paragraph.Clear();
        }

        foreach (var rawLine in body.Replace("\r\n", "\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                paragraph.AppendLine(line);
                continue;
            }
            if (!inFence && HeadingPattern().Match(line) is { Success: true } heading)
            {
                FlushParagraph();
                blocks.Add(DocumentBlock.Heading(heading.Groups[1].Length, heading.Groups[2].Value.Trim().TrimEnd('#').Trim()));
                continue;
            }
            if (!inFence && line.Trim().Length == 0)
            {
                FlushParagraph();
                continue;
            }
            paragraph.AppendLine(line);
        }
        FlushParagraph();

        var title = frontMatter.Title
            ?? blocks.FirstOrDefault(b => b.HeadingLevel == 1)?.Text
            ?? fallbackTitle;
        return new ParsedDocument { Title = title, DocType = frontMatter.Type, Tags = frontMatter.Tags, Blocks = blocks };
    }

    /// <summary>Parses plain text: paragraphs separated by blank lines, no headings.</summary>
    public static ParsedDocument ParsePlainText(string text, string fallbackTitle)
    {
        var (frontMatter, body) = FrontMatter.Split(text);
        var blocks = ParagraphSplit().Split(body.Replace("\r\n", "\n"))
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(DocumentBlock.Paragraph)
            .ToList();
        return new ParsedDocument { Title = frontMatter.Title ?? fallbackTitle, DocType = frontMatter.Type, Tags = frontMatter.Tags, Blocks = blocks };
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphSplit();
}
