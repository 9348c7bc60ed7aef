using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Memory.Tests.Events.Subscriptions;

/// <summary>Checkpoints, one owner across hosts, poisoned events parked without blocking the rest.</summary>
public sealed class SubscriptionRunnerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly SubscriptionOptions Options = new() { MaxAttempts = 3, LeaseDuration = TimeSpan.FromSeconds(30), BatchSize = 4 };

    [Fact]
    public async Task A_poisoned_event_is_retried_then_parked_with_its_error_and_the_rest_is_delivered()
    {
        var time = new FakeTimeProvider(Runners.Start);
        var store = new EventStore(database.DataSource, time);
        var events = Enumerable.Range(0, 10).Select(i => Runners.Paused($"poison_{i}")).ToArray();
        await store.AppendAsync(events);
        var subscription = new RecordingSubscription("poison", "AdSetPaused");
        subscription.Poisoned.Add(events[3].EventId);
        var runner = Runners.Create(database, time, Options, subscription);

        var result = await runner.CatchUpAsync(CancellationToken.None);

        Assert.Equal(3, subscription.Attempts[events[3].EventId]);
        Assert.All(events.Where((_, i) => i != 3), e => Assert.Contains(e.EventId, subscription.HandledIds));
        Assert.Equal(1, result.Parked);
        var parked = Assert.Single(await new ParkedEvents(database.DataSource, time).ListAsync("poison", 10, CancellationToken.None));
        Assert.Equal(events[3].EventId, parked.EventId);
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("cannot handle", parked.Error);

        // Nothing is delivered twice on the next catch-up: the checkpoint is past everything, the parked event included.
        await runner.CatchUpAsync(CancellationToken.None);
        Assert.Equal(9, subscription.HandledIds.Count(id => events.Any(e => e.EventId == id)));
        Assert.Equal(3, subscription.Attempts[events[3].EventId]);
    }

    [Fact]
    public async Task Two_runners_on_one_subscription_deliver_each_event_once_and_a_dead_owner_is_taken_over_after_its_lease()
    {
        var time = new FakeTimeProvider(Runners.Start);
        var store = new EventStore(database.DataSource, time);
        var first = Enumerable.Range(0, 6).Select(i => Runners.Paused($"owner_{i}")).ToArray();
        await store.AppendAsync(first);
        var onHostA = new RecordingSubscription("owned", "AdSetPaused");
        var onHostB = new RecordingSubscription("owned", "AdSetPaused");
        var hostA = Runners.Create(database, time, Options, onHostA);
        var hostB = Runners.Create(database, time, Options, onHostB);

        var together = await Task.WhenAll(Task.Run(() => hostA.CatchUpAsync(CancellationToken.None)), Task.Run(() => hostB.CatchUpAsync(CancellationToken.None)));

        var all = onHostA.HandledIds.Concat(onHostB.HandledIds).Where(id => first.Any(e => e.EventId == id)).ToList();
        Assert.Equal(first.Select(e => e.EventId), all);
        var owner = onHostA.HandledIds.Count > 0 ? hostA : hostB;
        var other = owner == hostA ? hostB : hostA;
        Assert.Contains(together, r => r.OwnedElsewhere.Contains("owned"));

        // The owner dies without releasing its lease: the other host waits for the lease to run out, then takes over.
        var later = Runners.Paused("owner_later");
        await store.AppendAsync([later]);
        Assert.Equal(["owned"], (await other.CatchUpAsync(CancellationToken.None)).OwnedElsewhere);
        time.Advance(Options.LeaseDuration + TimeSpan.FromSeconds(1));
        var takeover = await other.CatchUpAsync(CancellationToken.None);
        Assert.Empty(takeover.OwnedElsewhere);
        Assert.Equal(1, takeover.Delivered);

        // The old owner, back, finds the subscription taken and delivers nothing.
        var back = await owner.CatchUpAsync(CancellationToken.None);
        Assert.Equal(["owned"], back.OwnedElsewhere);
        Assert.Single(onHostA.HandledIds.Concat(onHostB.HandledIds), id => id == later.EventId);
    }

    [Fact]
    public async Task A_clean_stop_releases_the_lease_so_another_host_continues_from_the_checkpoint_at_once()
    {
        var time = new FakeTimeProvider(Runners.Start);
        var store = new EventStore(database.DataSource, time);
        var before = Runners.Paused("release_before");
        await store.AppendAsync([before]);
        var onHostA = new RecordingSubscription("released", "AdSetPaused");
        var onHostB = new RecordingSubscription("released", "AdSetPaused");
        var hostA = Runners.Create(database, time, Options, onHostA);
        var hostB = Runners.Create(database, time, Options, onHostB);
        await hostA.CatchUpAsync(CancellationToken.None);
        await hostA.ReleaseAsync(CancellationToken.None);

        var after = Runners.Paused("release_after");
        await store.AppendAsync([after]);
        await hostB.CatchUpAsync(CancellationToken.None);

        Assert.Contains(before.EventId, onHostA.HandledIds);
        Assert.Equal([after.EventId], onHostB.HandledIds);
    }
}
