using System.Text.Json;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Learnings;
using LiveShop.Memory.Serialization;
using LiveShop.Kernel.Actions.Definitions.Memory;

namespace LiveShop.Plugins.Memory;

/// <summary>
/// <see cref="RememberAction"/>: writes a persona's conclusion into long-term memory (or confirms the near-duplicate already there).
/// A persona-scoped memory always belongs to the proposing persona, so one persona cannot write into another's notes.
/// </summary>
public sealed class RememberExecutor(MemoryStore memories) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => RememberAction.ActionName;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var agent = string.IsNullOrWhiteSpace(packet.Agent) ? "unknown" : packet.Agent.Trim();
        var scope = Text(packet, "scope") ?? "";
        var evidence = new List<MemoryEvidence> { new() { Kind = "record", Reference = $"action:{packet.ActionId}", Note = $"remembered by {agent}" } };
        if (Text(packet, "evidence") is { } note) evidence.Add(new MemoryEvidence { Kind = "note", Note = note });
        var memory = new NewMemory
        {
            Scope = scope,
            ScopeKey = MemoryScopes.Normalise(scope) == MemoryScopes.Persona ? agent : Text(packet, "scope_key"),
            Kind = "conclusion",
            Content = Text(packet, "content") ?? "",
            Evidence = evidence,
            Confidence = 0.5m,
            Source = $"agent:{agent}",
        };
        var outcome = await memories.RememberAsync(memory, cancellationToken);
        return new ExecutionResult
        {
            ConnectorReference = $"memory:{outcome.MemoryId}",
            Summary = outcome.Merged
                ? $"confirmed an existing memory ({outcome.ConfirmationCount} confirmations)"
                : "remembered as a new memory",
            Details = JsonSerializer.SerializeToElement(new { MemoryId = outcome.MemoryId, outcome.Merged, outcome.ConfirmationCount }, JsonDefaults.Options),
        };
    }

    private static string? Text(ActionPacket packet, string name) =>
        packet.Parameters.ValueKind == JsonValueKind.Object && packet.Parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
