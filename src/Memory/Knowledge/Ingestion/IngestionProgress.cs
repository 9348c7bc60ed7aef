namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>Where a queued knowledge file stands.</summary>
public enum IngestionStatus
{
    /// <summary>Waiting for a host to embed it.</summary>
    Queued,

    /// <summary>A host is embedding it; <see cref="IngestionProgress.ChunksEmbedded"/> of <see cref="IngestionProgress.ChunksTotal"/> are done.</summary>
    Embedding,

    /// <summary>Stored and searchable.</summary>
    Ready,

    /// <summary>Not stored; <see cref="IngestionProgress.Detail"/> says why.</summary>
    Failed,
}

/// <summary>One queued knowledge file and its progress, as the Knowledge page, <c>kb list</c> and the API show it.</summary>
public sealed record IngestionProgress
{
    /// <summary>The ingestion's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The stored file the document is read from (its source).</summary>
    public required string Source { get; init; }

    /// <summary>The file's name as uploaded.</summary>
    public required string FileName { get; init; }

    /// <summary>The file's size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>Queued, embedding, ready or failed.</summary>
    public required IngestionStatus Status { get; init; }

    /// <summary>How many chunks the file has (0 until a host has read it).</summary>
    public int ChunksTotal { get; init; }

    /// <summary>How many chunks are embedded so far.</summary>
    public int ChunksEmbedded { get; init; }

    /// <summary>Why it failed, or what the finished ingestion did (added, updated, unchanged).</summary>
    public string? Detail { get; init; }

    /// <summary>The stored document, once ready.</summary>
    public Guid? DocumentId { get; init; }

    /// <summary>Who uploaded it.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its status or progress last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The status as lower-case text (<c>queued</c>, <c>embedding</c>, <c>ready</c>, <c>failed</c>).</summary>
    public string StatusCode => IngestionStatuses.Code(Status);

    /// <summary>Whether a host still has work to do on it.</summary>
    public bool InProgress => Status is IngestionStatus.Queued or IngestionStatus.Embedding;
}

/// <summary>The one spelling of ingestion statuses in the database and on every surface.</summary>
public static class IngestionStatuses
{
    /// <summary>The lower-case code of a status.</summary>
    public static string Code(IngestionStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The status of a lower-case code.</summary>
    public static IngestionStatus Parse(string code) => Enum.Parse<IngestionStatus>(code, ignoreCase: true);
}
