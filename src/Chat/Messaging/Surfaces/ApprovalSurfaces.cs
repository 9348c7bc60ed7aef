using LiveShop.Chat.Messaging.Linking;
using LiveShop.Chat.Messaging.Slack;
using LiveShop.Chat.Messaging.Teams;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Approvals.Surfaces;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Chat.Messaging.Surfaces;

/// <summary>
/// Posts approval cards to Slack (approvals channel, or the founder's DM for L3) and Teams (the approvals
/// conversation), and updates every posted card after a decision made anywhere. An advisory lock per approval keeps
/// two hosts from posting the same card twice.
/// </summary>
public sealed class ApprovalSurfaces(
    ApprovalService approvals, ApprovalCardPosts posts, ChatUserLinks links, NpgsqlDataSource dataSource,
    IOptions<SlackOptions> slackOptions, IOptions<TeamsOptions> teamsOptions, IServiceProvider services, ILogger<ApprovalSurfaces> logger) : IApprovalNotifier
{
    /// <summary>Roles that may decide an approval at the card's level, as the policy's <c>roles:</c> section in force says.</summary>
    public IReadOnlyList<string> DecidingRoles(ApprovalCardModel card) =>
        services.GetRequiredService<PolicyInForce>().Current.Roles.ApproversOf(card.NeedsFounder ? RiskLevel.L3 : RiskLevel.L2);

    /// <inheritdoc />
    public async Task ApprovalRequestedAsync(Guid approvalId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new() { Value = LockKey(approvalId) });
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            var card = await CardAsync(approvalId, cancellationToken);
            if (card is null || !card.IsPending) return;
            var existing = await posts.ForApprovalAsync(approvalId, cancellationToken);
            if (slackOptions.Value.CanPostApprovals && existing.All(p => p.Platform != ChatPlatforms.Slack))
                await PostToSlackAsync(card, cancellationToken);
            if (teamsOptions.Value.CanPostApprovals && existing.All(p => p.Platform != ChatPlatforms.Teams))
                await PostToTeamsAsync(card, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            release.Parameters.Add(new() { Value = LockKey(approvalId) });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task ApprovalDecidedAsync(Guid approvalId, CancellationToken cancellationToken)
    {
        var card = await CardAsync(approvalId, cancellationToken);
        if (card is null) return;
        foreach (var post in await posts.ForApprovalAsync(approvalId, cancellationToken))
        {
            try
            {
                if (post.Platform == ChatPlatforms.Slack && slackOptions.Value.Enabled)
                    await services.GetRequiredService<SlackWebApi>().UpdateMessageAsync(new SlackMessageRef(post.Channel, post.MessageRef),
                        SlackApprovalBlocks.Text(card), SlackApprovalBlocks.Blocks(card), cancellationToken);
                else if (post.Platform == ChatPlatforms.Teams && teamsOptions.Value.Enabled && post.ServiceUrl is { } serviceUrl)
                    await services.GetRequiredService<TeamsConnector>().UpdateAsync(serviceUrl, post.Channel, post.MessageRef,
                        TeamsApprovalCard.Activity(await TeamsStatusViewAsync(card, cancellationToken)), cancellationToken);
                else continue;
                await posts.MarkShownAsync(post, card.Status, cancellationToken);
            }
            catch (Exception e) when (e is SlackApiException or TeamsConnectorException or HttpRequestException)
            {
                logger.LogWarning(e, "Could not update the {Platform} card of approval {ApprovalId}", post.Platform, approvalId);
            }
        }
    }

    /// <summary>The Teams status view with the refresh audience (linked Teams users who may decide).</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> TeamsStatusViewAsync(ApprovalCardModel card, CancellationToken cancellationToken) =>
        TeamsApprovalCard.StatusView(card, card.IsPending ? await links.ExternalIdsOfRolesAsync(ChatPlatforms.Teams, DecidingRoles(card), cancellationToken) : []);

    private async Task PostToSlackAsync(ApprovalCardModel card, CancellationToken cancellationToken)
    {
        var channel = slackOptions.Value.ApprovalsChannel;
        string? note = null;
        if (card.NeedsFounder)
        {
            var founders = await links.ExternalIdsOfRolesAsync(ChatPlatforms.Slack, ["founder"], cancellationToken);
            if (founders.Count > 0) channel = founders[0];
            else note = "Founder-only (L3): the founder has not linked Slack (/liveshop link), so this card is posted here; only the founder can decide it.";
        }
        try
        {
            var posted = await services.GetRequiredService<SlackWebApi>().PostMessageAsync(channel, SlackApprovalBlocks.Text(card), SlackApprovalBlocks.Blocks(card, note), null, cancellationToken);
            await posts.AddAsync(new ApprovalCardPost(card.ApprovalId, ChatPlatforms.Slack, posted.Channel, posted.Ts, null, card.Status), cancellationToken);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            logger.LogWarning(e, "Could not post the Slack card of approval {ApprovalId}", card.ApprovalId);
        }
    }

    private async Task PostToTeamsAsync(ApprovalCardModel card, CancellationToken cancellationToken)
    {
        var settings = teamsOptions.Value;
        try
        {
            var activityId = await services.GetRequiredService<TeamsConnector>().SendAsync(settings.ApprovalsServiceUrl, settings.ApprovalsConversationId,
                TeamsApprovalCard.Activity(await TeamsStatusViewAsync(card, cancellationToken)), cancellationToken);
            await posts.AddAsync(new ApprovalCardPost(card.ApprovalId, ChatPlatforms.Teams, settings.ApprovalsConversationId, activityId, settings.ApprovalsServiceUrl, card.Status), cancellationToken);
        }
        catch (Exception e) when (e is TeamsConnectorException or HttpRequestException)
        {
            logger.LogWarning(e, "Could not post the Teams card of approval {ApprovalId}", card.ApprovalId);
        }
    }

    private async Task<ApprovalCardModel?> CardAsync(Guid approvalId, CancellationToken cancellationToken) =>
        await approvals.GetAsync(approvalId, cancellationToken) is { } approval ? ApprovalCards.From(approval) : null;

    private static long LockKey(Guid approvalId) => BitConverter.ToInt64(approvalId.ToByteArray(), 0) ^ 0x4C53_4150_5052_4F56; // "LSAPPROV"
}
