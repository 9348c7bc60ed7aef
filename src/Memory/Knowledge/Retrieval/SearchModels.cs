namespace LiveShop.Memory.Knowledge.Retrieval;

/// <summary>How the knowledge base ranks passages.</summary>
public enum SearchMode
{
    /// <summary>Vector (HNSW cosine) and full-text rankings fused by reciprocal rank fusion: the default.</summary>
    Hybrid,
    /// <summary>Vector similarity only.</summary>
    VectorOnly,
    /// <summary>PostgreSQL full-text search only: the keyword baseline.</summary>
    FullTextOnly,
}

/// <summary>A question to the knowledge base with its optional filters.</summary>
public sealed record KnowledgeQuery
{
    public required string Text { get; init; }
    /// <summary>How many passages to return.</summary>
    public int K { get; init; } = 5;
    /// <summary>Only documents of this type (e.g. <c>policy</c>).</summary>
    public string? DocType { get; init; }
    /// <summary>Only documents carrying this tag.</summary>
    public string? Tag { get; init; }
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;
}

/// <summary>A retrieved passage with what a citation needs.</summary>
public sealed record KnowledgeHit
{
    public required long ChunkId { get; init; }
    public required Guid DocumentId { get; init; }
    public required string Title { get; init; }
    /// <summary>Path or URL of the document.</summary>
    public required string Source { get; init; }
    public required string DocType { get; init; }
    /// <summary>Headings above the passage, e.g. <c>Refund policy &gt; Partial refunds</c>.</summary>
    public required string HeadingPath { get; init; }
    /// <summary>0-based position of the passage in its document.</summary>
    public required int Position { get; init; }
    /// <summary>A short extract around the query's words.</summary>
    public required string Snippet { get; init; }
    public required string Content { get; init; }
    /// <summary>Fused score (reciprocal rank fusion), or the single ranking's score in a single mode; higher is better.</summary>
    public required double Score { get; init; }

    /// <summary>One line to cite the passage: title, section and where it came from.</summary>
    public string Citation => $"{Title} — {HeadingPath} ({Source}, part {Position + 1})";
}
