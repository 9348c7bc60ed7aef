using System.Text.Json;
using System.Text.Json.Nodes;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Orchestration;

/// <summary>
/// How a tool call is kept in its conversation (a message of role <c>tool</c>): the contract's action JSON plus the
/// signed verdict under <c>verdict</c>, so a re-opened conversation shows the same card — checks included — as the live turn.
/// </summary>
public static class StoredToolCall
{
    private const string VerdictProperty = "verdict";

    /// <summary>The message content for <paramref name="action"/>.</summary>
    public static string Serialize(ChatAction action)
    {
        var json = JsonSerializer.SerializeToNode(action, JsonDefaults.Options)!.AsObject();
        if (action.Verdict is { } verdict) json[VerdictProperty] = JsonSerializer.SerializeToNode(verdict, JsonDefaults.Options);
        return json.ToJsonString(JsonDefaults.Options);
    }

    /// <summary>The action read back from a tool message, with its verdict when one was kept.</summary>
    public static ChatAction Read(string content)
    {
        using var document = JsonDocument.Parse(content);
        var action = document.RootElement.Deserialize<ChatAction>(JsonDefaults.Options)
            ?? throw new JsonException("a tool message holds no action");
        return document.RootElement.TryGetProperty(VerdictProperty, out var verdict) && verdict.ValueKind == JsonValueKind.Object
            ? action with { Verdict = verdict.Deserialize<Verdict>(JsonDefaults.Options) }
            : action;
    }
}

/// <summary>One message of a re-opened conversation: who wrote it and, for a reply, the actions its turn proposed or the goal it recorded.</summary>
public sealed record TranscriptMessage(string Role, string? Persona, string Text, IReadOnlyList<ChatAction> Actions, Guid? GoalId);
