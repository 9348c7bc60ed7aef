namespace LiveShop.Chat.Messaging;

/// <summary>
/// The codes the chat tables store in their <c>platform</c> column. The schema only checks a code's shape (lower-case
/// letters, digits and underscores), so the connectors are named here, in Chat, and nowhere in Memory.
/// </summary>
public static class ChatPlatforms
{
    /// <summary>Slack (workspace users, approval cards in a channel or the founder's DM).</summary>
    public const string Slack = "slack";

    /// <summary>Microsoft Teams (bot users, approval cards in the approvals conversation).</summary>
    public const string Teams = "teams";
}
