using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveShop.Memory.Events.Subscriptions;

/// <summary>What one catch-up did: events handed to handlers, events parked, and subscriptions another host owns (skipped).</summary>
public sealed record CatchUpResult(int Delivered, int Parked, IReadOnlyList<string> OwnedElsewhere);

/// <summary>
/// Runs every registered <see cref="IEventSubscription"/> over the event chain: each from its own checkpoint, under a lease
/// that gives it one owner across hosts, in sequence order and never past a gap (see <see cref="SequenceGaps"/>). An event
/// whose handler throws is retried on later rounds and parked once its attempts run out; the position is advanced after
/// each round, so a crash repeats at most one round (delivery is at least once; handlers are idempotent by event id).
/// </summary>
public sealed class SubscriptionRunner(
    EventStore events, SubscriptionCheckpoints checkpoints, ParkedEvents parked, IEnumerable<IEventSubscription> subscriptions,
    SubscriptionOptions options, TimeProvider time, ILogger<SubscriptionRunner> logger)
{
    private readonly IReadOnlyList<IEventSubscription> _subscriptions = [.. subscriptions];
    private readonly ConcurrentDictionary<string, PendingGap> _gaps = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneRoundAtATime = new(1, 1);

    /// <summary>This runner's identity as a lease owner: unique per process and runner.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The subscriptions this runner drives.</summary>
    public IReadOnlyList<IEventSubscription> Subscriptions => _subscriptions;

    /// <summary>
    /// Processes everything appended before the call, for every subscription this runner can own (what <c>simulate</c>
    /// runs after each simulated day). Returns when each is at the head seen at the start, held by a gap, or owned elsewhere.
    /// </summary>
    public async Task<CatchUpResult> CatchUpAsync(CancellationToken cancellationToken)
    {
        var head = await events.HeadSequenceAsync(cancellationToken);
        int delivered = 0, parkedCount = 0;
        var elsewhere = new List<string>();
        foreach (var subscription in _subscriptions)
        {
            while (true)
            {
                var round = await RoundAsync(subscription, cancellationToken);
                delivered += round.Delivered;
                parkedCount += round.Parked;
                if (round.OwnedElsewhere) elsewhere.Add(subscription.Name);
                if (round.OwnedElsewhere || round.Position >= head || !round.Progressed) break;
            }
        }
        return new CatchUpResult(delivered, parkedCount, elsewhere);
    }

    /// <summary>One round of every subscription; true when some subscription read a full batch (more is waiting).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var more = false;
        foreach (var subscription in _subscriptions)
            more |= (await RoundAsync(subscription, cancellationToken)).FullBatch;
        return more;
    }

    /// <summary>Gives up every lease this runner holds (a clean stop), so another host takes over at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions)
            await checkpoints.ReleaseAsync(subscription.Name, Owner, cancellationToken);
    }

    private sealed record Round(long Position, int Delivered, int Parked, bool Progressed, bool FullBatch, bool OwnedElsewhere);

    private async Task<Round> RoundAsync(IEventSubscription subscription, CancellationToken cancellationToken)
    {
        // The hosted worker and a catch-up may share this runner; their rounds on one subscription must not interleave.
        await _oneRoundAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RoundCoreAsync(subscription, cancellationToken);
        }
        finally
        {
            _oneRoundAtATime.Release();
        }
    }

    private async Task<Round> RoundCoreAsync(IEventSubscription subscription, CancellationToken cancellationToken)
    {
        var name = subscription.Name;
        if (await checkpoints.TryAcquireAsync(name, Owner, options.LeaseDuration, subscription.StartsAtHead, cancellationToken) is not { } start)
            return new Round(0, 0, 0, false, false, OwnedElsewhere: true);

        var batch = await events.ReadFeedAsync(start, options.BatchSize, subscription.EventTypes, cancellationToken);
        var now = time.GetUtcNow();
        var gaps = SequenceGaps.Decide(start, [.. batch.Select(e => e.Sequence)], _gaps.GetValueOrDefault(name), now, options.GapSettleAfter);
        if (gaps.Pending is { } pending) _gaps[name] = pending;
        else _gaps.TryRemove(name, out _);
        foreach (var gap in gaps.Settled)
        {
            logger.LogWarning("Subscription {Subscription} passed sequence {From}–{To}: missing for longer than {Settle}", name, gap.From, gap.To, options.GapSettleAfter);
            await parked.ParkMissingAsync(name, gap, options.GapSettleAfter, cancellationToken);
        }

        var position = start;
        int delivered = 0, parkedCount = gaps.Settled.Count;
        var retryLater = false;
        foreach (var entry in batch.Take(gaps.Deliverable))
        {
            if (entry.Event is { } e)
            {
                try
                {
                    await subscription.HandleAsync(e, cancellationToken);
                    delivered++;
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    var attempts = await parked.RecordFailureAsync(name, e, error.ToString(), cancellationToken);
                    if (attempts < options.MaxAttempts)
                    {
                        logger.LogWarning(error, "Subscription {Subscription} failed on event {EventId} (attempt {Attempt} of {Max}); retrying later",
                            name, e.EventId, attempts, options.MaxAttempts);
                        retryLater = true;
                        break;
                    }
                    logger.LogError(error, "Subscription {Subscription} parked event {EventId} ({Type}) after {Attempts} attempts", name, e.EventId, e.Type, attempts);
                    await parked.ParkAsync(name, e.Sequence, cancellationToken);
                    parkedCount++;
                }
            }
            position = entry.Sequence;
        }
        if (position != start && !await checkpoints.AdvanceAsync(name, Owner, position, options.LeaseDuration, cancellationToken))
        {
            logger.LogWarning("Subscription {Subscription} lost its lease to another host at {Position}; that host repeats this round", name, position);
            return new Round(position, delivered, parkedCount, false, false, OwnedElsewhere: true);
        }
        var progressed = position != start || retryLater;
        return new Round(position, delivered, parkedCount, progressed, batch.Count == options.BatchSize && !retryLater && gaps.Pending is null, false);
    }
}
