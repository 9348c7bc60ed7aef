using LiveShop.Memory.Background;
using LiveShop.Memory.Learnings;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Turns new business events into long-term memories in the background. Safe with several hosts: each pass claims the
/// shared cursor, and a host that finds it claimed skips the round.
/// </summary>
public sealed partial class LearningWorker(LearningPass pass, ILogger<LearningWorker> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ErrorDelay = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RecurringWork.RunAsync(async ct =>
        {
            var result = await pass.RunOnceAsync(BatchSize, ct);
            if (result.MemoriesWritten + result.MemoriesMerged > 0)
                LogPass(result.EventsRead, result.MemoriesWritten, result.MemoriesMerged, result.LastSequence);
            // A full batch means more is waiting: go straight on.
            return result.EventsRead == BatchSize;
        }, IdleDelay, ErrorDelay, LogFailure, TimeProvider.System, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned from {Events} events: {Written} new memories, {Merged} confirmed (sequence {Sequence})")]
    private partial void LogPass(int events, int written, int merged, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Learning pass failed; retrying later")]
    private partial void LogFailure(Exception exception);
}
