using LiveShop.Chat.Messaging.Linking;
using LiveShop.Kernel.Approvals.Surfaces;

namespace LiveShop.Chat.Messaging.Surfaces;

/// <summary>A decision attempted from chat: null outcome when the chat account is not linked to a product user.</summary>
public sealed record ChatDecision(LinkedUser? User, ApprovalDecisionOutcome? Outcome)
{
    /// <summary>What to tell the person who clicked.</summary>
    public string Message(string platform) => User is null
        ? $"Your {platform} account is not linked to a LiveShop user yet. Run `/liveshop link` (Slack) or send `link` to the bot (Teams), then confirm the code with `./liveshop link CODE --user you@example.com`."
        : Outcome!.Kind switch
        {
            ApprovalDecisionKind.Decided => $"Done: {Outcome.Message}.",
            ApprovalDecisionKind.AlreadyDecided => $"Nothing changed: {Outcome.Message}.",
            _ => $"Not decided: {Outcome.Message}.",
        };
}

/// <summary>
/// Decides an approval for a chat account: maps it to the linked product user, lets the gate check authority and
/// first-decision-wins, then brings every card of the approval up to date.
/// </summary>
public sealed class ChatApprovalDecider(ChatUserLinks links, IApprovalDecisions decisions, IApprovalNotifier notifier)
{
    /// <summary>Attempts the decision as the product user linked to <paramref name="externalUserId"/> on <paramref name="platform"/>.</summary>
    public async Task<ChatDecision> DecideAsync(string platform, string externalUserId, Guid approvalId, ApprovalVote vote, string? reason, CancellationToken cancellationToken)
    {
        var user = await links.FindAsync(platform, externalUserId, cancellationToken);
        if (user is null) return new(null, null);
        var outcome = await decisions.DecideAsync(approvalId, user.Email, vote, reason, cancellationToken);
        if (outcome.Kind is ApprovalDecisionKind.Decided or ApprovalDecisionKind.Conflict or ApprovalDecisionKind.Expired)
            await notifier.ApprovalDecidedAsync(approvalId, cancellationToken);
        return new(user, outcome);
    }
}
