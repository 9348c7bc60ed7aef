using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Events.Subscriptions;

/// <summary>
/// The classic gap: a transaction holding a lower sequence is still open while one holding a higher sequence commits.
/// The store's own appenders take turns under the chain lock, so the second appender here writes its row as a writer
/// without that lock would; the subscription must neither skip the lower event nor pass it while it is in flight.
/// </summary>
public sealed class SequenceGapTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly SubscriptionOptions Options = new() { GapSettleAfter = TimeSpan.FromSeconds(60) };

    [Fact]
    public void A_batch_is_delivered_up_to_its_first_gap_and_a_gap_settles_only_after_the_settle_time()
    {
        var now = Runners.Start;
        var held = SequenceGaps.Decide(10, [11, 12, 14, 15], null, now, TimeSpan.FromSeconds(60));
        Assert.Equal(2, held.Deliverable);
        Assert.Equal(new PendingGap(13, now), held.Pending);

        var stillHeld = SequenceGaps.Decide(12, [14, 15], held.Pending, now.AddSeconds(59), TimeSpan.FromSeconds(60));
        Assert.Equal(0, stillHeld.Deliverable);
        Assert.Equal(held.Pending, stillHeld.Pending);

        var settled = SequenceGaps.Decide(12, [14, 15], held.Pending, now.AddSeconds(60), TimeSpan.FromSeconds(60));
        Assert.Equal(2, settled.Deliverable);
        Assert.Null(settled.Pending);
        Assert.Equal([new SettledGap(13, 13)], settled.Settled);

        Assert.Equal(3, SequenceGaps.Decide(0, [1, 2, 3], null, now, TimeSpan.Zero).Deliverable);
    }

    [Fact]
    public async Task An_event_committed_after_a_higher_sequence_is_still_delivered_and_in_order()
    {
        var time = new FakeTimeProvider(Runners.Start);
        var store = new EventStore(database.DataSource, time);
        await store.AppendAsync([Runners.Paused("before")]);
        var subscription = new RecordingSubscription("gap_in_flight", "AdSetPaused");
        var runner = Runners.Create(database, time, Options, subscription);

        // Appender A takes the next sequence and keeps its transaction open.
        await using var connectionA = await database.DataSource.OpenConnectionAsync();
        await using var transactionA = await connectionA.BeginTransactionAsync();
        var lower = Runners.Paused("lower");
        var lowerSequence = (await store.AppendAsync([lower], transactionA)).LastSequence;
        // Appender B commits the sequence after it first.
        var higher = Runners.Paused("higher");
        await InsertWithoutChainLockAsync(database, lowerSequence + 1, higher);

        var first = await runner.CatchUpAsync(CancellationToken.None);
        Assert.DoesNotContain(higher.EventId, subscription.HandledIds);
        Assert.DoesNotContain(lower.EventId, subscription.HandledIds);
        Assert.Equal(1, first.Delivered);

        await transactionA.CommitAsync();
        await runner.CatchUpAsync(CancellationToken.None);

        var ids = subscription.HandledIds;
        Assert.Equal(3, ids.Count);
        Assert.Equal([lower.EventId, higher.EventId], ids.Skip(1));
        Assert.Empty(await new ParkedEvents(database.DataSource, time).ListAsync("gap_in_flight", 10, CancellationToken.None));
    }

    internal static async Task InsertWithoutChainLockAsync(TestDatabase database, long sequence, NewEvent e)
    {
        await using var command = database.DataSource.CreateCommand(
            """
            INSERT INTO business_events (sequence, event_id, type, occurred_at, source, data, recorded_at, prev_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $4, '\x00'::bytea, '\x00'::bytea)
            """);
        command.Parameters.Add(new() { Value = sequence });
        command.Parameters.Add(new() { Value = e.EventId });
        command.Parameters.Add(new() { Value = e.Type });
        command.Parameters.Add(new() { Value = e.OccurredAt });
        command.Parameters.Add(new() { Value = e.Source });
        command.Parameters.Add(new() { Value = e.Data.GetRawText() });
        await command.ExecuteNonQueryAsync();
    }
}
