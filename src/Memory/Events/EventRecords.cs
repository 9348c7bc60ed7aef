using System.Text.Json;

namespace LiveShop.Memory.Events;

/// <summary>A business event to append: the envelope of CONTRACTS.md §3 with <c>data</c> as JSON.</summary>
public sealed record NewEvent(Guid EventId, string Type, DateTimeOffset OccurredAt, string Source, JsonElement Data);

/// <summary>What one append did: rows written, events skipped because their event_id was already stored (or repeated in the batch), and the chain's last sequence afterwards.</summary>
public sealed record AppendResult(int Appended, int Duplicates, long LastSequence);

/// <summary>Result of re-computing the hash chain: intact or the first sequence whose row or link does not match.</summary>
public sealed record ChainVerification(bool Intact, long EventsChecked, long? FirstBrokenSequence, string? Problem);

/// <summary>An event as stored, with its place in the chain, for the console and audit views.</summary>
public sealed record StoredEvent(
    long Sequence,
    Guid EventId,
    string Type,
    DateTimeOffset OccurredAt,
    string Source,
    JsonElement Data,
    DateTimeOffset RecordedAt,
    string Hash);

/// <summary>One problem with an incoming event: the path of the offending field (<c>data.total</c>, <c>[3].event_id</c>, <c>type</c>) and what is wrong.</summary>
public sealed record EventValidationError(string Path, string Message)
{
    /// <summary>The error as one line, <c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when events handed to the store do not match the catalogue; nothing of the batch was written.</summary>
public sealed class EventValidationException(IReadOnlyList<EventValidationError> errors)
    : Exception("invalid business event: " + string.Join("; ", errors.Take(5)) + (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : ""))
{
    /// <summary>Every problem found, each naming its field path.</summary>
    public IReadOnlyList<EventValidationError> Errors { get; } = errors;
}

/// <summary>An incoming request body read into events, or the errors that keep it from being accepted (all or nothing).</summary>
public sealed record EventParseResult(IReadOnlyList<NewEvent> Events, IReadOnlyList<EventValidationError> Errors)
{
    /// <summary>True when every event of the body is valid (and <see cref="Events"/> holds them all).</summary>
    public bool IsValid => Errors.Count == 0;
}
