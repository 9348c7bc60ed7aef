namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>
/// Embeds queued knowledge files one at a time: claims the next file, reads and chunks it, embeds it in batches while
/// reporting chunks embedded of total, stores it and marks it ready or failed. The background worker calls
/// <see cref="RunOnceAsync"/> in a loop; tests and the CLI drive it directly.
/// </summary>
public sealed class KnowledgeIngestionRunner(KnowledgeIngestionQueue queue, KnowledgeIngestor ingestor)
{
    /// <summary>This runner's name in claims: host, process and instance, so two runners in one process are told apart.</summary>
    public string Worker { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Claims and embeds one queued file; returns it as it finished, or null when nothing was waiting.</summary>
    public async Task<IngestionProgress?> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (await queue.ClaimAsync(Worker, cancellationToken) is not { } claimed) return null;
        IngestOutcome outcome;
        try
        {
            outcome = await ingestor.IngestOneAsync(claimed.Source, async (embedded, total, ct) =>
            {
                if (!await queue.ReportAsync(claimed.Id, Worker, embedded, total, ct)) throw new ClaimLostException();
            }, cancellationToken);
        }
        catch (ClaimLostException)
        {
            // Another host took the file over after our lease ran out; its result stands, ours is dropped.
            return await queue.GetAsync(claimed.Id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failing embedding model fails this file, not the worker; a stopping host leaves its lease to run out instead.
            await queue.FinishAsync(claimed.Id, Worker, IngestionStatus.Failed, $"embedding failed: {e.Message}", null, cancellationToken);
            return await queue.GetAsync(claimed.Id, cancellationToken);
        }
        if (outcome.Status == IngestStatus.Failed)
            await queue.FinishAsync(claimed.Id, Worker, IngestionStatus.Failed, outcome.Reason, null, cancellationToken);
        else
            await queue.FinishAsync(claimed.Id, Worker, IngestionStatus.Ready,
                $"{outcome.Status.ToString().ToLowerInvariant()} as “{outcome.Title}” ({outcome.Chunks} chunks)", outcome.DocumentId, cancellationToken);
        return await queue.GetAsync(claimed.Id, cancellationToken);
    }

    /// <summary>Embeds every waiting file; returns how many were processed.</summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        while (await RunOnceAsync(cancellationToken) is not null) count++;
        return count;
    }

    private sealed class ClaimLostException : Exception
    {
    }
}
