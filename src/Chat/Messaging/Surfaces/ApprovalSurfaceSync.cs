using LiveShop.Chat.Messaging.Slack;
using LiveShop.Chat.Messaging.Teams;
using LiveShop.Kernel.Approvals.Surfaces;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Messaging.Surfaces;

/// <summary>Settings of the approval-card sync (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Messaging";

    /// <summary>How often new approvals are posted and decided ones updated, in seconds.</summary>
    public double SyncIntervalSeconds { get; set; } = 5;
}

/// <summary>
/// Watches the approvals table so cards follow the gate whoever decides (web inbox, CLI, Slack, Teams, another host):
/// pending requests without a card get one, cards showing an old status are updated.
/// </summary>
public sealed class ApprovalSurfaceSync(
    IServiceScopeFactory scopes, IOptions<SlackOptions> slack, IOptions<TeamsOptions> teams, IOptions<MessagingOptions> options,
    TimeProvider time, ILogger<ApprovalSurfaceSync> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!slack.Value.CanPostApprovals && !teams.Value.CanPostApprovals) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SyncIntervalSeconds), time);
        do
        {
            try
            {
                await SyncOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Approval card sync failed; retrying next round");
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var posts = scope.ServiceProvider.GetRequiredService<ApprovalCardPosts>();
        var notifier = scope.ServiceProvider.GetRequiredService<IApprovalNotifier>();
        var since = time.GetUtcNow().AddDays(-7);
        var unposted = new HashSet<Guid>();
        if (slack.Value.CanPostApprovals) unposted.UnionWith(await posts.UnpostedAsync(ChatPlatforms.Slack, since, cancellationToken));
        if (teams.Value.CanPostApprovals) unposted.UnionWith(await posts.UnpostedAsync(ChatPlatforms.Teams, since, cancellationToken));
        foreach (var id in unposted) await notifier.ApprovalRequestedAsync(id, cancellationToken);
        foreach (var id in await posts.StaleAsync(cancellationToken)) await notifier.ApprovalDecidedAsync(id, cancellationToken);
    }
}
