using System.Text.Json;

namespace LiveShop.Memory.Learnings;

/// <summary>The scopes a memory can have; retrieval never shows a memory outside the scope it was asked for.</summary>
public static class MemoryScopes
{
    /// <summary>True for everyone in the business.</summary>
    public const string Business = "business";
    /// <summary>One persona's own memory (scope key: the persona name).</summary>
    public const string Persona = "persona";
    /// <summary>About one product (scope key: the product id).</summary>
    public const string Product = "product";
    /// <summary>About one supplier (scope key: the supplier id).</summary>
    public const string Supplier = "supplier";

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [Business, Persona, Product, Supplier];

    /// <summary>The canonical scope name, or null when <paramref name="scope"/> is not one.</summary>
    public static string? Normalise(string? scope)
    {
        var lower = scope?.Trim().ToLowerInvariant();
        return lower is not null && All.Contains(lower) ? lower : null;
    }
}

/// <summary>One piece of evidence behind a memory: an event (with its chain sequence), a record, or a note.</summary>
public sealed record MemoryEvidence
{
    /// <summary><c>event</c>, <c>record</c> or <c>note</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>The event id or record id; null for a plain note.</summary>
    public string? Reference { get; init; }
    /// <summary>The event's sequence in the event store.</summary>
    public long? Sequence { get; init; }
    /// <summary>The event type, for event evidence.</summary>
    public string? Type { get; init; }
    public DateTimeOffset? At { get; init; }
    /// <summary>What this evidence shows, in words.</summary>
    public string? Note { get; init; }
}

/// <summary>A memory to write: scope, kind, content and the evidence behind it.</summary>
public sealed record NewMemory
{
    /// <summary>One of <see cref="MemoryScopes.All"/>.</summary>
    public required string Scope { get; init; }
    /// <summary>The persona, product or supplier; null for the business scope.</summary>
    public string? ScopeKey { get; init; }
    /// <summary>What sort of memory, e.g. <c>ad_outcome</c>, <c>founder_override</c>, <c>lesson</c>.</summary>
    public required string Kind { get; init; }
    public required string Content { get; init; }
    public IReadOnlyList<MemoryEvidence> Evidence { get; init; } = [];
    /// <summary>From 0 to 1.</summary>
    public decimal Confidence { get; init; } = 0.6m;
    /// <summary>Who writes it: <c>event:AdSetPaused</c>, <c>agent:cfo</c>, <c>founder</c>.</summary>
    public required string Source { get; init; }
}

/// <summary>What <see cref="MemoryStore.RememberAsync(NewMemory, CancellationToken)"/> did: a new row or a confirmation of a near-duplicate.</summary>
public sealed record RememberOutcome(Guid MemoryId, bool Merged, int ConfirmationCount);

/// <summary>A stored memory as the console and the plugin show it.</summary>
public sealed record MemoryRecord
{
    public required Guid Id { get; init; }
    public required string Scope { get; init; }
    public string? ScopeKey { get; init; }
    public required string Kind { get; init; }
    public required string Content { get; init; }
    public required JsonElement Evidence { get; init; }
    public required decimal Confidence { get; init; }
    public required int ConfirmationCount { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastConfirmedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? EditedBy { get; init; }
}

/// <summary>A recalled memory with the figures that ranked it.</summary>
public sealed record RecalledMemory
{
    public required MemoryRecord Memory { get; init; }
    /// <summary>Cosine similarity of the memory to the query.</summary>
    public required double Similarity { get; init; }
    /// <summary>Age decay factor, 1 for a fresh or freshly confirmed memory.</summary>
    public required double Decay { get; init; }
    /// <summary>Similarity × decay: what the results are ordered by.</summary>
    public required double Score { get; init; }
}

/// <summary>
/// Which memories a recall may see: business-wide ones always, the asking persona's own ones, and product or supplier
/// memories only for the keys named here (or in the query text).
/// </summary>
public sealed record MemoryScopeFilter
{
    /// <summary>The persona asking; its persona-scoped memories are visible, no other persona's.</summary>
    public string? Persona { get; init; }
    public IReadOnlyList<string> Products { get; init; } = [];
    public IReadOnlyList<string> Suppliers { get; init; } = [];
    /// <summary>False to see only the named scopes (e.g. one product's memories).</summary>
    public bool IncludeBusiness { get; init; } = true;
}

/// <summary>Filters for listing memories in the console.</summary>
public sealed record MemoryListFilter
{
    public string? Scope { get; init; }
    public string? ScopeKey { get; init; }
    public string? Kind { get; init; }
    /// <summary>Case-insensitive substring of the content.</summary>
    public string? Text { get; init; }
    public int Limit { get; init; } = 200;
}
