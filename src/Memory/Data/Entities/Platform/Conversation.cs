namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>A chat conversation between people and the agent personas.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ConversationMessage> Messages { get; set; } = [];
}
