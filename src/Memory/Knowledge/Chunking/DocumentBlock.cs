namespace LiveShop.Memory.Knowledge.Chunking;

/// <summary>A structural piece of a document as read from its file: a heading or a paragraph.</summary>
/// <param name="HeadingLevel">1–6 for a heading, 0 for a paragraph.</param>
/// <param name="Text">The heading text, or the paragraph's text.</param>
public sealed record DocumentBlock(int HeadingLevel, string Text)
{
    /// <summary>Whether this block is a heading.</summary>
    public bool IsHeading => HeadingLevel > 0;

    /// <summary>A heading block.</summary>
    public static DocumentBlock Heading(int level, string text) => new(level, text);

    /// <summary>A paragraph block.</summary>
    public static DocumentBlock Paragraph(string text) => new(0, text);
}

/// <summary>A document read from a file, before chunking: its metadata and its blocks in reading order.</summary>
public sealed record ParsedDocument
{
    /// <summary>Title from front-matter, the first top-level heading, or the file name.</summary>
    public required string Title { get; init; }

    /// <summary>Document type from front-matter (<c>type:</c>), if any.</summary>
    public string? DocType { get; init; }

    /// <summary>Tags from front-matter.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Headings and paragraphs in reading order.</summary>
    public required IReadOnlyList<DocumentBlock> Blocks { get; init; }
}

/// <summary>A passage ready to embed and store, with what a citation needs.</summary>
/// <param name="Position">0-based order within the document.</param>
/// <param name="HeadingPath">The headings above it, e.g. <c>Refund policy &gt; Partial refunds</c>.</param>
/// <param name="Content">The passage text.</param>
public sealed record TextChunk(int Position, string HeadingPath, string Content)
{
    /// <summary>Number of whitespace-separated words in <see cref="Content"/>.</summary>
    public int WordCount => TextChunker.CountWords(Content);
}
