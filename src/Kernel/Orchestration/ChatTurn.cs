namespace LiveShop.Kernel.Orchestration;

/// <summary>One chat message to answer (CONTRACTS.md §2 request); <see cref="User"/> is the authenticated principal's email.</summary>
public sealed record ChatTurnRequest
{
    /// <summary>The conversation to continue; null starts a new one.</summary>
    public Guid? ConversationId { get; init; }

    /// <summary>The message, possibly starting with <c>@persona</c>.</summary>
    public required string Message { get; init; }

    /// <summary>Email of the enabled user the turn runs for; the personas act on their behalf.</summary>
    public required string User { get; init; }

    /// <summary>The persona to answer; wins over <c>@name</c> and routing.</summary>
    public string? Persona { get; init; }

    /// <summary>Whether a message that reads as a goal becomes a Goal with tasks (false for turns that run a task).</summary>
    public bool AllowGoals { get; init; } = true;

    /// <summary>When set, the persona may call only these of its functions (a task's planned tools); never read from the API body.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string>? OnlyFunctions { get; init; }
}

/// <summary>The answer to a turn (CONTRACTS.md §2 response, plus the goal and the model that answered).</summary>
public sealed record ChatTurnResult
{
    public required Guid ConversationId { get; init; }

    /// <summary>The persona that answered.</summary>
    public required string Persona { get; init; }

    public required string Reply { get; init; }

    /// <summary>Every action proposed in the turn, in call order.</summary>
    public required IReadOnlyList<ChatAction> Actions { get; init; }

    /// <summary>The goal the message created, when it read as one.</summary>
    public Guid? GoalId { get; init; }

    /// <summary>Which model answered, e.g. <c>OpenAICompatible llama3</c> or <c>offline planner</c>.</summary>
    public required string Model { get; init; }

    /// <summary>How many functions the model called, read-only ones included; 0 means it only answered in words (e.g. asked a question).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int FunctionCalls { get; init; }
}

/// <summary>A piece of a streamed turn: text as it arrives, then the complete result once everything is persisted.</summary>
public sealed record ChatTurnUpdate
{
    /// <summary>The persona answering (set on every update).</summary>
    public required string Persona { get; init; }

    /// <summary>New reply text, when this update carries some.</summary>
    public string? TextDelta { get; init; }

    /// <summary>The finished turn, on the last update only.</summary>
    public ChatTurnResult? Result { get; init; }
}

/// <summary>Which model the host talks to, for labels in replies and the UI.</summary>
public sealed record ChatModelDescriptor(string Provider, string Model)
{
    /// <summary>What the UI shows, e.g. "offline planner" or "OpenAI gpt-4o-mini".</summary>
    public string Label => Provider == "Offline" ? "offline planner" : $"{Provider} {Model}";
}

/// <summary>Why a turn could not start.</summary>
public enum ChatTurnError
{
    /// <summary>The request itself is malformed (empty message, bad field).</summary>
    InvalidInput,

    /// <summary>No enabled user has that email.</summary>
    UnknownUser,

    /// <summary>The conversation does not exist or belongs to someone else.</summary>
    UnknownConversation,

    /// <summary>The persona named does not exist.</summary>
    UnknownPersona,
}

/// <summary>A turn refused before the model was asked; nothing was persisted.</summary>
public sealed class ChatTurnException(ChatTurnError error, string message) : Exception(message)
{
    /// <summary>What was wrong.</summary>
    public ChatTurnError Error { get; } = error;
}
