using LiveShop.Chat.Messaging.Linking;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Approvals.Surfaces;

namespace LiveShop.Chat.Messaging.Surfaces;

/// <summary>A decision attempted from chat: null outcome when the chat account is not linked to a product user.</summary>
public sealed record ChatDecision(LinkedUser? User, ApprovalDecision? Outcome)
{
    /// <summary>Whether this attempt recorded the decision.</summary>
    public bool Decided => Outcome?.Status == ApprovalDecisionStatus.Decided;

    /// <summary>The approval's card as it stands after the attempt, when there is one.</summary>
    public ApprovalCardModel? Card => Outcome?.Approval is { } approval ? ApprovalCards.From(approval) : null;

    /// <summary>What to tell the person who clicked.</summary>
    public string Message(string platform) => User is null
        ? $"Your {platform} account is not linked to a LiveShop user yet. Run `/liveshop link` (Slack) or send `link` to the bot (Teams), then confirm the code with `./liveshop link CODE --user you@example.com`."
        : Outcome!.Status switch
        {
            ApprovalDecisionStatus.Decided => $"Done: {Outcome.Summary}.",
            ApprovalDecisionStatus.AlreadyDecided => $"Nothing changed: {Outcome.Summary}.",
            _ => $"Not decided: {Outcome.Summary}.",
        };
}

/// <summary>
/// Decides an approval for a chat account: maps it to the linked product user, decides through the one
/// <see cref="ApprovalService"/>, then brings every card of the approval up to date.
/// </summary>
public sealed class ChatApprovalDecider(ChatUserLinks links, ApprovalService approvals, IApprovalNotifier notifier)
{
    /// <summary>The approval as a card, or null when there is none with that id.</summary>
    public async Task<ApprovalCardModel?> CardAsync(Guid approvalId, CancellationToken cancellationToken) =>
        await approvals.GetAsync(approvalId, cancellationToken) is { } approval ? ApprovalCards.From(approval) : null;

    /// <summary>Attempts the decision as the product user linked to <paramref name="externalUserId"/> on <paramref name="platform"/>.</summary>
    public async Task<ChatDecision> DecideAsync(string platform, string externalUserId, Guid approvalId, ApprovalVote vote, string? reason, CancellationToken cancellationToken)
    {
        var user = await links.FindAsync(platform, externalUserId, cancellationToken);
        if (user is null) return new(null, null);
        var outcome = await approvals.DecideAsync(new ApprovalDecisionRequest(approvalId, user.Email, vote, reason), cancellationToken);
        if (outcome.Status is ApprovalDecisionStatus.Decided or ApprovalDecisionStatus.Conflict or ApprovalDecisionStatus.Expired)
            await notifier.ApprovalDecidedAsync(approvalId, cancellationToken);
        return new(user, outcome);
    }
}
