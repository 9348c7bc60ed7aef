using LiveShop.Memory.Background;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Checkpoints;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Writes a signed checkpoint of the event chain's head every <c>Audit:CheckpointEveryEvents</c> events or
/// <c>Audit:CheckpointEveryMinutes</c> minutes into the data directory and the log (one machine-readable line starting
/// <c>chain checkpoint </c>), so <c>audit verify</c> notices a deleted tail and operators can publish the line elsewhere.
/// </summary>
public sealed partial class ChainCheckpointWorker(EventStore store, ChainCheckpointFile file, IOptions<CheckpointSchedule> schedule,
    TimeProvider time, ILogger<ChainCheckpointWorker> logger) : BackgroundService
{
    // The head is one index lookup; looking every half minute keeps "every N events" close without loading the database.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ErrorDelay = TimeSpan.FromMinutes(1);

    private ChainCheckpoint? _last;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reading = await file.ReadAsync(stoppingToken);
        if (!reading.Trusted) LogUntrustedFile(reading.Problem!);
        _last = reading.Latest;
        await RecurringWork.RunAsync(async ct =>
        {
            var (sequence, hash) = await store.ReadHeadAsync(ct);
            if (schedule.Value.IsDue(_last, sequence, time.GetUtcNow()))
            {
                _last = await file.WriteAsync(sequence, hash, time.GetUtcNow(), ct);
                LogCheckpoint(ChainCheckpointFile.ToLine(_last));
            }
            else if (_last is not null && sequence < _last.Sequence)
                LogChainShorter(sequence, _last.Sequence);
            return false;
        }, PollInterval, ErrorDelay, LogFailure, time, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "chain checkpoint {Checkpoint:l}")]
    private partial void LogCheckpoint(string checkpoint);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The event chain ends at sequence {Head} but was checkpointed at sequence {Checkpointed}: events were deleted; run ./liveshop audit verify")]
    private partial void LogChainShorter(long head, long checkpointed);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The chain checkpoint file cannot be trusted: {Problem}; run ./liveshop audit verify")]
    private partial void LogUntrustedFile(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a chain checkpoint failed; retrying later")]
    private partial void LogFailure(Exception exception);
}
