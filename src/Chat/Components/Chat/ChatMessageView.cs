using LiveShop.Kernel.Orchestration;

namespace LiveShop.Chat.Components.Chat;

/// <summary>One message as the chat page shows it; a streamed reply grows in place, so text and persona change as it arrives.</summary>
public sealed class ChatMessageView
{
    /// <summary><c>user</c> or <c>assistant</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The persona that answered (assistant messages).</summary>
    public string? Persona { get; set; }

    /// <summary>The text so far.</summary>
    public string Text { get; set; } = "";

    /// <summary>The actions the turn proposed, shown as cards under the reply.</summary>
    public List<ChatAction> Actions { get; } = [];

    /// <summary>The goal the turn recorded, shown with its tasks under the reply.</summary>
    public Guid? GoalId { get; set; }

    /// <summary>A message of a re-opened conversation.</summary>
    public static ChatMessageView From(TranscriptMessage message)
    {
        var view = new ChatMessageView { Role = message.Role, Persona = message.Persona, Text = message.Text, GoalId = message.GoalId };
        view.Actions.AddRange(message.Actions);
        return view;
    }
}
