namespace LiveShop.Chat.Messaging.Slack;

/// <summary>Settings of the Slack app (section <c>Slack</c>); without a signing secret the Slack endpoints answer 404.</summary>
public sealed class SlackOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Slack";

    /// <summary>Bot token (<c>xoxb-…</c>) for the Web API; never logged.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Signing secret every inbound request is verified with; never logged.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>Channel id approval cards are posted to (L3 goes to the founder's DM when the founder linked Slack).</summary>
    public string ApprovalsChannel { get; set; } = "";

    /// <summary>Base address of the Web API (tests point it at a local fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api";

    /// <summary>Whether inbound requests can be verified (the endpoints exist).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>Whether approval cards can be posted.</summary>
    public bool CanPostApprovals => Enabled && !string.IsNullOrWhiteSpace(BotToken) && !string.IsNullOrWhiteSpace(ApprovalsChannel);
}
