using LiveShop.Memory.Knowledge.Chunking;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>Reads the text of a PDF page by page (PdfPig); each page becomes a section so citations name the page.</summary>
public static class PdfReader
{
    /// <summary>Parses PDF bytes; the document's Title metadata wins over <paramref name="fallbackTitle"/>.</summary>
    public static ParsedDocument Parse(byte[] content, string fallbackTitle)
    {
        using var pdf = PdfDocument.Open(content);
        var blocks = new List<DocumentBlock>();
        foreach (var page in pdf.GetPages())
        {
            var text = ContentOrderTextExtractor.GetText(page);
            var paragraphs = text.Replace("\r\n", "\n")
                .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                .Where(p => p.Length > 0)
                .ToList();
            if (paragraphs.Count == 0) continue;
            blocks.Add(DocumentBlock.Heading(2, $"Page {page.Number}"));
            blocks.AddRange(paragraphs.Select(DocumentBlock.Paragraph));
        }
        var title = pdf.Information.Title is { Length: > 0 } t ? t : fallbackTitle;
        return new ParsedDocument { Title = title, Blocks = blocks };
    }
}
