using LiveShop.Memory.Background;
using LiveShop.Memory.Events.Subscriptions;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Runs the event subscriptions (the reactions) continuously in serve mode. Safe with several hosts: each subscription has
/// one owner at a time by lease; a host that stops cleanly gives its leases up, one that dies loses them when they expire.
/// </summary>
public sealed partial class EventSubscriptionWorker(SubscriptionRunner runner, SubscriptionOptions options, ILogger<EventSubscriptionWorker> logger)
    : BackgroundService
{
    // The pause between rounds is real time even where a host runs on a business or test clock.
    private static readonly TimeSpan ErrorDelay = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RecurringWork.RunAsync(runner.RunOnceAsync, options.PollInterval, ErrorDelay, LogFailure, TimeProvider.System, stoppingToken);

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await runner.ReleaseAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The leases then simply expire.
            LogFailure(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event subscription round failed; retrying later")]
    private partial void LogFailure(Exception exception);
}
