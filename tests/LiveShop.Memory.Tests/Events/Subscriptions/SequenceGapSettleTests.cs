using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Memory.Tests.Events.Subscriptions;

/// <summary>A gap that never fills (its row was never committed) holds a subscription back only for the settle time, and is recorded.</summary>
public sealed class SequenceGapSettleTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly SubscriptionOptions Options = new() { GapSettleAfter = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task A_sequence_that_never_commits_is_parked_after_the_settle_time_and_the_rest_is_delivered()
    {
        var time = new FakeTimeProvider(Runners.Start);
        var store = new EventStore(database.DataSource, time);
        var subscription = new RecordingSubscription("gap_rolled_back", "AdSetPaused");
        var runner = Runners.Create(database, time, Options, subscription);
        await runner.CatchUpAsync(CancellationToken.None);
        var head = await store.HeadSequenceAsync();

        var after = Runners.Paused("after");
        await SequenceGapTests.InsertWithoutChainLockAsync(database, head + 2, after);
        await runner.CatchUpAsync(CancellationToken.None);
        Assert.DoesNotContain(after.EventId, subscription.HandledIds);

        time.Advance(TimeSpan.FromSeconds(61));
        await runner.CatchUpAsync(CancellationToken.None);

        Assert.Contains(after.EventId, subscription.HandledIds);
        var parked = Assert.Single(await new ParkedEvents(database.DataSource, time).ListAsync("gap_rolled_back", 10, CancellationToken.None));
        Assert.Equal(head + 1, parked.Sequence);
        Assert.Null(parked.EventId);
        Assert.Contains("missing", parked.Error);
    }
}
