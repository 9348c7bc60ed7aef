using System.Text.Json;
using Pgvector;

namespace LiveShop.Memory.Data.Entities.Knowledge;

/// <summary>A lesson or fact the agents keep across conversations, with the evidence behind it.</summary>
public sealed class LongTermMemory
{
    /// <summary>Values <see cref="Scope"/> may take.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["business", "persona", "product", "supplier"];

    public Guid Id { get; set; }
    /// <summary><c>business</c>, <c>persona</c>, <c>product</c> or <c>supplier</c>.</summary>
    public required string Scope { get; set; }
    /// <summary>Which persona / product / supplier the memory is about; null for the business scope.</summary>
    public string? ScopeKey { get; set; }
    /// <summary>What sort of memory, e.g. <c>fact</c>, <c>preference</c>, <c>lesson</c>.</summary>
    public required string Kind { get; set; }
    public required string Content { get; set; }
    /// <summary>Records, events or messages that support the memory.</summary>
    public required JsonDocument Evidence { get; set; }
    public Vector? Embedding { get; set; }
    public string? EmbeddingModel { get; set; }
    /// <summary>How sure the agents are, from 0 to 1.</summary>
    public decimal Confidence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastConfirmedAt { get; set; }
    /// <summary>When the content last changed (a founder's edit); null when never edited.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>How many times the memory was written or re-observed; near-duplicates raise it instead of adding rows.</summary>
    public int ConfirmationCount { get; set; } = 1;
    /// <summary>Who wrote it: <c>event:AdSetPaused</c>, <c>agent:cfo</c>, <c>founder</c>.</summary>
    public required string Source { get; set; }
    /// <summary>Who last edited the content in the console, when someone did.</summary>
    public string? EditedBy { get; set; }
}
