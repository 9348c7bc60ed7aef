using System.Diagnostics;
using System.Globalization;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LiveShop.Bench.Verbs.Events;

/// <summary>
/// Figures of one subscription lag run: how far behind a subscription stays while events are appended at the event
/// store's full rate (what <c>bench events</c> measures), and its delivery rate against a bare sequential read.
/// </summary>
public sealed record SubscriptionLagReport(
    int Count, int AppendBatch, int ReadBatch, double PollMs, double AppendSeconds, double DeliverSeconds, double CatchUpSeconds, double ReadSeconds,
    IReadOnlyList<double> BatchLagsMs, long MaxLagEvents, double DrainMs)
{
    /// <summary>Events appended per second while the subscription ran.</summary>
    public double AppendsPerSecond => Count / AppendSeconds;

    /// <summary>Events delivered per second, from the first append until the subscription reached the head.</summary>
    public double DeliveredPerSecond => Count / DeliverSeconds;

    /// <summary>Capacity: events per second a fresh subscription catches up over the whole chain once appending is over.</summary>
    public double CatchUpPerSecond => Count / CatchUpSeconds;

    /// <summary>Baseline: events per second of a plain <see cref="EventStore.ReadAsync"/> of the same chain, no checkpoint, lease or gap check.</summary>
    public double ReadPerSecond => Count / ReadSeconds;

    /// <summary>The subscription's catch-up rate as a fraction of the bare read rate.</summary>
    public double Ratio => CatchUpPerSecond / ReadPerSecond;

    /// <summary>The report as <c>name: value</c> lines for the CLI.</summary>
    public IEnumerable<string> RenderLines()
    {
        var c = CultureInfo.InvariantCulture;
        var sorted = BatchLagsMs.Order().ToList();
        double At(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        yield return $"count: {Count}";
        yield return $"append_batch: {AppendBatch}";
        yield return $"read_batch: {ReadBatch}";
        yield return string.Create(c, $"poll_ms: {PollMs:0}");
        yield return string.Create(c, $"appends_per_second: {AppendsPerSecond:0}");
        yield return string.Create(c, $"delivered_per_second: {DeliveredPerSecond:0}");
        yield return string.Create(c, $"lag_ms_p50: {At(0.50):0.0}");
        yield return string.Create(c, $"lag_ms_p95: {At(0.95):0.0}");
        yield return string.Create(c, $"lag_ms_max: {At(1.0):0.0}");
        yield return $"lag_events_max: {MaxLagEvents}";
        yield return string.Create(c, $"drain_ms_after_last_append: {DrainMs:0.0}");
        yield return string.Create(c, $"catch_up_per_second: {CatchUpPerSecond:0}");
        yield return string.Create(c, $"baseline_read_per_second: {ReadPerSecond:0}");
        yield return string.Create(c, $"ratio: {Ratio:0.00}");
    }
}

/// <summary>
/// Appends OrderPlaced events in the batches <c>bench events</c> uses, as fast as the store takes them, while a
/// <see cref="SubscriptionRunner"/> with one subscription follows the chain. Its capacity is a fresh subscription's catch-up
/// over the whole chain afterwards. The lag of a batch is the
/// time from its commit until the subscription's checkpoint covers it. The baseline is a bare sequential read of the
/// same chain afterwards, in the same process and database. The follower pauses as the serve worker does (the poll
/// interval, only when a round found no full batch), so the lag includes that pause.
/// </summary>
public sealed class SubscriptionLagBenchmark
{
    private const int AppendBatch = 5000;

    /// <summary>Runs on a migrated scratch database holding no events.</summary>
    public async Task<SubscriptionLagReport> RunAsync(NpgsqlDataSource scratch, int count, TimeSpan poll, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var store = new EventStore(scratch, TimeProvider.System);
        if (await store.CountAsync(cancellationToken) is var held and > 0)
            throw new InvalidOperationException($"the subscription benchmark appends to the chain it is given, so it runs on an empty scratch database; this one holds {held} events");
        var options = new SubscriptionOptions();
        var counter = new CountingSubscription();
        var runner = new SubscriptionRunner(store, new SubscriptionCheckpoints(scratch, TimeProvider.System), new ParkedEvents(scratch, TimeProvider.System),
            [counter], options, TimeProvider.System, NullLogger<SubscriptionRunner>.Instance);
        progress.WriteLine($"generating {count} events");
        var events = EventStoreBenchmark.Generate(count, seed: 11);
        await runner.CatchUpAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        var commits = new List<(long Sequence, double AtMs)>();
        var appending = Task.Run(async () =>
        {
            for (var offset = 0; offset < events.Length; offset += AppendBatch)
            {
                var length = Math.Min(AppendBatch, events.Length - offset);
                var appended = await store.AppendAsync(new ArraySegment<NewEvent>(events, offset, length), cancellationToken);
                lock (commits) commits.Add((appended.LastSequence, clock.Elapsed.TotalMilliseconds));
            }
            return clock.Elapsed.TotalSeconds;
        }, cancellationToken);

        progress.WriteLine($"appending {count} events in batches of {AppendBatch} while the subscription follows (reads of {options.BatchSize})");
        var reached = new List<(long Position, double AtMs)>();
        long maxLag = 0;
        while (counter.Delivered < count)
        {
            // As the serve worker does: straight on while a full batch came back, else a pause of the poll interval.
            var more = await runner.RunOnceAsync(cancellationToken);
            var position = counter.LastSequence;
            reached.Add((position, clock.Elapsed.TotalMilliseconds));
            long head;
            lock (commits) head = commits.Count == 0 ? 0 : commits[^1].Sequence;
            maxLag = Math.Max(maxLag, head - position);
            if (!more && counter.Delivered < count) await Task.Delay(poll, cancellationToken);
        }
        var deliverSeconds = clock.Elapsed.TotalSeconds;
        var appendSeconds = await appending;
        var lags = commits.Select(c => reached.First(r => r.Position >= c.Sequence).AtMs - c.AtMs).Select(ms => Math.Max(0, ms)).ToList();

        progress.WriteLine("capacity: a fresh subscription catching up over the whole chain");
        var fresh = new CountingSubscription("bench_catch_up");
        var catchUpRunner = new SubscriptionRunner(store, new SubscriptionCheckpoints(scratch, TimeProvider.System), new ParkedEvents(scratch, TimeProvider.System),
            [fresh], options, TimeProvider.System, NullLogger<SubscriptionRunner>.Instance);
        var catchUp = Stopwatch.StartNew();
        await catchUpRunner.CatchUpAsync(cancellationToken);
        catchUp.Stop();
        if (fresh.Delivered != count) throw new InvalidOperationException($"the catch-up delivered {fresh.Delivered} events, expected {count}");

        progress.WriteLine("baseline: a bare sequential read of the same chain");
        var read = Stopwatch.StartNew();
        long after = 0;
        while (true)
        {
            var batch = await store.ReadAsync(after, options.BatchSize, cancellationToken);
            if (batch.Count == 0) break;
            after = batch[^1].Sequence;
        }
        read.Stop();
        return new SubscriptionLagReport(count, AppendBatch, options.BatchSize, poll.TotalMilliseconds, appendSeconds, deliverSeconds, catchUp.Elapsed.TotalSeconds, read.Elapsed.TotalSeconds,
            lags, maxLag, (deliverSeconds - appendSeconds) * 1000);
    }

    private sealed class CountingSubscription(string name = "bench_lag") : IEventSubscription
    {
        private long _delivered;
        private long _last;

        public string Name => name;
        public IReadOnlySet<string> EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "OrderPlaced" };
        public long Delivered => Interlocked.Read(ref _delivered);
        public long LastSequence => Interlocked.Read(ref _last);

        public Task HandleAsync(StoredEvent e, CancellationToken cancellationToken)
        {
            // Touch the data, as a handler would.
            _ = e.Data.GetProperty("order_id").GetString();
            Interlocked.Increment(ref _delivered);
            Interlocked.Exchange(ref _last, e.Sequence);
            return Task.CompletedTask;
        }
    }
}
