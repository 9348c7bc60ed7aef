using System.Text.Json;
using System.Text.RegularExpressions;
using LiveShop.Chat.Messaging.Linking;
using LiveShop.Kernel.Assistance;

namespace LiveShop.Chat.Messaging.Slack;

/// <summary>
/// Inline questions from Slack (an @mention, a direct message, <c>/liveshop QUESTION</c>): answered in the thread under
/// the asker's linked identity; an unlinked asker is told how to link.
/// </summary>
public sealed partial class SlackConversations(SlackWebApi slack, ChatUserLinks links, IInlineAssistant assistant)
{
    /// <summary>Text telling an unlinked Slack user how to link.</summary>
    public const string LinkFirst = "I don't know who you are in LiveShop yet: run `/liveshop link` and confirm the code with `./liveshop link CODE --user you@example.com`.";

    /// <summary>An <c>app_mention</c> or a direct <c>message</c> event.</summary>
    public async Task HandleEventAsync(JsonElement slackEvent, CancellationToken cancellationToken)
    {
        var type = slackEvent.GetProperty("type").GetString();
        // Our own posts, edits and other bots arrive as message events too; answering them would loop.
        if (slackEvent.TryGetProperty("bot_id", out _) || slackEvent.TryGetProperty("subtype", out _)) return;
        if (type == "message" && (!slackEvent.TryGetProperty("channel_type", out var kind) || kind.GetString() != "im")) return;
        if (type is not ("app_mention" or "message")) return;

        var user = slackEvent.GetProperty("user").GetString()!;
        var channel = slackEvent.GetProperty("channel").GetString()!;
        var threadTs = slackEvent.TryGetProperty("thread_ts", out var t) ? t.GetString() : slackEvent.GetProperty("ts").GetString();
        var text = Mention().Replace(slackEvent.GetProperty("text").GetString() ?? "", "").Trim();
        var answer = await AnswerAsync(user, text, cancellationToken);
        await slack.PostMessageAsync(channel, answer, null, threadTs, cancellationToken);
    }

    /// <summary>A <c>/liveshop QUESTION</c>: the answer is shown only to the asker.</summary>
    public async Task AnswerCommandAsync(string user, string channel, string text, CancellationToken cancellationToken) =>
        await slack.PostEphemeralAsync(channel, user, await AnswerAsync(user, text, cancellationToken), null, cancellationToken);

    private async Task<string> AnswerAsync(string slackUser, string text, CancellationToken cancellationToken)
    {
        var linked = await links.FindAsync(ChatPlatforms.Slack, slackUser, cancellationToken);
        if (linked is null) return LinkFirst;
        if (linked.Disabled) return $"{linked.Email} is disabled in LiveShop.";
        return await assistant.AskAsync(linked.Email, text, cancellationToken);
    }

    [GeneratedRegex(@"<@[A-Z0-9]+>")]
    private static partial Regex Mention();
}
