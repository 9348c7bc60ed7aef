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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = IdleDelay;
            try
            {
                var result = await pass.RunOnceAsync(BatchSize, stoppingToken);
                if (result.MemoriesWritten + result.MemoriesMerged > 0)
                    LogPass(result.EventsRead, result.MemoriesWritten, result.MemoriesMerged, result.LastSequence);
                // A full batch means more is waiting: go straight on.
                if (result.EventsRead == BatchSize) delay = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailure(e);
                delay = ErrorDelay;
            }
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned from {Events} events: {Written} new memories, {Merged} confirmed (sequence {Sequence})")]
    private partial void LogPass(int events, int written, int merged, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Learning pass failed; retrying later")]
    private partial void LogFailure(Exception exception);
}
