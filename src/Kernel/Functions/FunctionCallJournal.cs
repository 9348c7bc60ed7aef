using System.Collections.Concurrent;
using LiveShop.Kernel.Actions;

namespace LiveShop.Kernel.Functions;

/// <summary>One function call as the proof filter saw it: what became of the action, or why it was refused.</summary>
public sealed record FunctionCallRecord
{
    /// <summary>The qualified function name, <c>Plugin-function</c>.</summary>
    public required string Function { get; init; }

    /// <summary>The contract action, for a world-changing function.</summary>
    public string? Action { get; init; }

    /// <summary>The pipeline's outcome, when the call reached it.</summary>
    public ActionOutcome? Outcome { get; init; }

    /// <summary>The refusal, when the filter stopped the call before the pipeline.</summary>
    public FunctionRefusal? Refusal { get; init; }

    /// <summary>What the model was told.</summary>
    public required string Message { get; init; }
}

/// <summary>
/// The world-changing and refused calls made through one kernel, in order, so a chat turn can report the actions it
/// proposed (CONTRACTS.md §2 <c>actions</c>). <see cref="KernelFactory"/> gives every kernel its own journal.
/// </summary>
public sealed class FunctionCallJournal
{
    /// <summary>Key of the journal in <see cref="Microsoft.SemanticKernel.Kernel.Data"/>.</summary>
    public const string DataKey = "liveshop.function_calls";

    private readonly ConcurrentQueue<FunctionCallRecord> _records = new();

    /// <summary>The calls recorded so far.</summary>
    public IReadOnlyList<FunctionCallRecord> Records => _records.ToArray();

    /// <summary>Appends a call.</summary>
    public void Add(FunctionCallRecord record) => _records.Enqueue(record);

    /// <summary>The journal of a kernel, or null when it has none.</summary>
    public static FunctionCallJournal? Of(Microsoft.SemanticKernel.Kernel kernel) =>
        kernel.Data.TryGetValue(DataKey, out var value) ? value as FunctionCallJournal : null;
}
