namespace LiveShop.Memory.Data.Entities.Knowledge;

/// <summary>A document ingested into the knowledge base (policy, SOP, product sheet, …), split into chunks.</summary>
public sealed class KnowledgeDocument
{
    public Guid Id { get; set; }
    /// <summary>Where it came from: a path or URL.</summary>
    public required string Source { get; set; }
    public required string Title { get; set; }
    public required string DocType { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>SHA-256 of the content, so re-ingesting an unchanged document is a no-op.</summary>
    public required string ContentHash { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
    public List<KnowledgeChunk> Chunks { get; set; } = [];
}
