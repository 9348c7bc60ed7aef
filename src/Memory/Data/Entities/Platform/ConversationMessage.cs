namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>One message of a conversation, in order of its id.</summary>
public sealed class ConversationMessage
{
    /// <summary>Values <see cref="Role"/> may take.</summary>
    public static readonly IReadOnlyList<string> Roles = ["user", "assistant", "tool", "system"];

    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary><c>user</c>, <c>assistant</c>, <c>tool</c> or <c>system</c>.</summary>
    public required string Role { get; set; }
    /// <summary>Who wrote it: the user's email, or the persona / tool name.</summary>
    public required string Author { get; set; }
    /// <summary>The agent persona that answered, for assistant messages.</summary>
    public string? Persona { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The goal a goal turn recorded, on that turn's reply: the re-opened conversation shows its tasks again.</summary>
    public Guid? GoalId { get; set; }
}
