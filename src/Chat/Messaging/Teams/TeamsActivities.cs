using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LiveShop.Chat.Messaging.Linking;
using LiveShop.Chat.Messaging.Surfaces;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Assistance;

namespace LiveShop.Chat.Messaging.Teams;

/// <summary>
/// Handles authenticated Teams activities: <c>adaptiveCard/action</c> invokes (approve, reject, refresh) answered with
/// the updated card, <c>Action.Submit</c> fallbacks, <c>link</c> requests and inline questions answered in the thread.
/// The Teams user is mapped to a product user through <see cref="ChatUserLinks"/> by <c>from.id</c>.
/// </summary>
public sealed partial class TeamsActivities(
    TeamsConnector connector, ChatUserLinks links, ChatApprovalDecider decider, ApprovalSurfaces surfaces, IInlineAssistant assistant)
{
    /// <summary>The invoke answer for a card action: the card as this user should now see it.</summary>
    public async Task<JsonObject> HandleCardActionAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        var action = activity["value"]?["action"];
        var verb = action?["verb"]?.GetValue<string>();
        var data = action?["data"];
        if (!Guid.TryParse(data?["approval_id"]?.GetValue<string>(), out var approvalId))
            return Error(400, "the card action carries no approval id");
        var userId = activity["from"]?["id"]?.GetValue<string>() ?? "";
        var card = await decider.CardAsync(approvalId, cancellationToken);
        if (card is null) return Error(404, $"no approval {approvalId}");

        if (verb == TeamsApprovalCard.RefreshVerb)
        {
            var user = await links.FindAsync(ChatPlatforms.Teams, userId, cancellationToken);
            var mayDecide = user is { Disabled: false } && surfaces.DecidingRoles(card).Contains(user.Role);
            return TeamsApprovalCard.InvokeResponse(mayDecide ? TeamsApprovalCard.ApproverView(card) : await surfaces.TeamsStatusViewAsync(card, cancellationToken));
        }
        if (verb is not (TeamsApprovalCard.ApproveVerb or TeamsApprovalCard.RejectVerb)) return Error(400, $"unknown verb '{verb}'");

        var vote = verb == TeamsApprovalCard.ApproveVerb ? ApprovalVote.Approve : ApprovalVote.Reject;
        var decision = await decider.DecideAsync(ChatPlatforms.Teams, userId, approvalId, vote, data?["reason"]?.GetValue<string>(), cancellationToken);
        var now = decision.Card ?? card;
        var note = decision.Decided ? null : decision.Message("Teams");
        return TeamsApprovalCard.InvokeResponse(now.IsPending && decision.User is not null && decision.Outcome?.Status == ApprovalDecisionStatus.Invalid
            ? TeamsApprovalCard.ApproverView(now, note)
            : TeamsApprovalCard.StatusView(now, [], note));
    }

    /// <summary>A message to the bot: an <c>Action.Submit</c> fallback, <c>link</c>, or a question.</summary>
    public async Task HandleMessageAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity["serviceUrl"]!.GetValue<string>();
        var conversationId = activity["conversation"]!["id"]!.GetValue<string>();
        var activityId = activity["id"]?.GetValue<string>() ?? "";
        var userId = activity["from"]?["id"]?.GetValue<string>() ?? "";

        if (activity["value"] is JsonObject submitted && Guid.TryParse(submitted["approval_id"]?.GetValue<string>(), out var approvalId))
        {
            var vote = submitted["verb"]?.GetValue<string>() == TeamsApprovalCard.RejectVerb ? ApprovalVote.Reject : ApprovalVote.Approve;
            var decision = await decider.DecideAsync(ChatPlatforms.Teams, userId, approvalId, vote, submitted["reason"]?.GetValue<string>(), cancellationToken);
            await connector.ReplyAsync(serviceUrl, conversationId, activityId, Text(decision.Message("Teams")), cancellationToken);
            return;
        }

        var text = Mention().Replace(activity["text"]?.GetValue<string>() ?? "", "").Trim();
        string answer;
        if (string.Equals(text, "link", StringComparison.OrdinalIgnoreCase))
        {
            var code = await links.CreateCodeAsync(ChatPlatforms.Teams, userId, cancellationToken);
            answer = $"Your link code is {code} (valid {ChatUserLinks.CodeLifetime.TotalMinutes:0} minutes). Confirm it on the LiveShop machine: ./liveshop link {code} --user you@example.com";
        }
        else
        {
            var user = await links.FindAsync(ChatPlatforms.Teams, userId, cancellationToken);
            answer = user is null
                ? "I don't know who you are in LiveShop yet: send me `link` and confirm the code with `./liveshop link CODE --user you@example.com`."
                : user.Disabled ? $"{user.Email} is disabled in LiveShop." : await assistant.AskAsync(user.Email, text, cancellationToken);
        }
        await connector.ReplyAsync(serviceUrl, conversationId, activityId, Text(answer), cancellationToken);
    }

    private static JsonObject Text(string text) => new() { ["type"] = "message", ["text"] = text, ["textFormat"] = "markdown" };

    private static JsonObject Error(int status, string message) => new()
    {
        ["statusCode"] = status,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = message },
    };

    [GeneratedRegex(@"<at>[^<]*</at>")]
    private static partial Regex Mention();
}
