namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>What happened to one file on ingestion.</summary>
public enum IngestStatus
{
    /// <summary>A new document was stored.</summary>
    Added,
    /// <summary>The file had changed: its chunks were replaced.</summary>
    Updated,
    /// <summary>Same content hash as the stored document: nothing done.</summary>
    Unchanged,
    /// <summary>Not ingested; <see cref="IngestOutcome.Reason"/> says why.</summary>
    Failed,
}

/// <summary>The outcome for one file: its source path, status, the stored document and chunk count, or the reason it failed.</summary>
public sealed record IngestOutcome
{
    public required string Source { get; init; }
    public required IngestStatus Status { get; init; }
    public Guid? DocumentId { get; init; }
    public string? Title { get; init; }
    public int Chunks { get; init; }
    /// <summary>Why the file failed (unreadable, unsupported extension, not found), for the operator.</summary>
    public string? Reason { get; init; }

    internal static IngestOutcome Failed(string source, string reason) => new() { Source = source, Status = IngestStatus.Failed, Reason = reason };
}

/// <summary>A stored document as the knowledge base lists it.</summary>
public sealed record KnowledgeDocumentSummary(
    Guid Id, string Title, string Source, string DocType, IReadOnlyList<string> Tags, int Chunks, string EmbeddingModel, DateTimeOffset IngestedAt);
