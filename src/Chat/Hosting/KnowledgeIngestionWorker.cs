using LiveShop.Memory.Background;
using LiveShop.Memory.Knowledge.Ingestion;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Embeds uploaded knowledge files in the background, one at a time, so an upload answers at once and the host stays
/// responsive. Safe with several hosts: each file is claimed with <c>FOR UPDATE SKIP LOCKED</c> (see <see cref="KnowledgeIngestionQueue"/>).
/// </summary>
public sealed partial class KnowledgeIngestionWorker(KnowledgeIngestionRunner runner, ILogger<KnowledgeIngestionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ErrorDelay = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RecurringWork.RunAsync(async ct =>
        {
            if (await runner.RunOnceAsync(ct) is not { } finished) return false;
            LogFinished(finished.FileName, finished.StatusCode, finished.ChunksEmbedded, finished.ChunksTotal, finished.Detail);
            return true;
        }, IdleDelay, ErrorDelay, LogFailure, TimeProvider.System, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge file {File}: {Status}, {Embedded}/{Total} chunks embedded ({Detail})")]
    private partial void LogFinished(string file, string status, int embedded, int total, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge ingestion round failed; retrying later")]
    private partial void LogFailure(Exception exception);
}
