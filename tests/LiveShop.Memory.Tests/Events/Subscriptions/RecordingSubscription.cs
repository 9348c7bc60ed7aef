using System.Collections.Concurrent;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Memory.Tests.Events.Subscriptions;

/// <summary>A subscription that records what it is handed and fails on the events it is told to.</summary>
internal sealed class RecordingSubscription(string name, params string[] types) : IEventSubscription
{
    public string Name { get; } = name;
    public IReadOnlySet<string> EventTypes { get; } = types.ToHashSet(StringComparer.Ordinal);
    public ConcurrentQueue<StoredEvent> Handled { get; } = new();
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public HashSet<Guid> Poisoned { get; } = [];

    public Task HandleAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(e.EventId, 1, (_, n) => n + 1);
        if (Poisoned.Contains(e.EventId)) throw new InvalidOperationException($"cannot handle {e.EventId}");
        Handled.Enqueue(e);
        return Task.CompletedTask;
    }

    public IReadOnlyList<Guid> HandledIds => [.. Handled.Select(e => e.EventId)];
}

/// <summary>Runners over a test database, each a host of its own, on one clock the test moves.</summary>
internal static class Runners
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public static SubscriptionRunner Create(TestDatabase database, FakeTimeProvider time, SubscriptionOptions options, params IEventSubscription[] subscriptions) =>
        new(new EventStore(database.DataSource, time), new SubscriptionCheckpoints(database.DataSource, time), new ParkedEvents(database.DataSource, time),
            subscriptions, options, time, NullLogger<SubscriptionRunner>.Instance);

    public static NewEvent Paused(string adSetId) => new(Guid.NewGuid(), "AdSetPaused", Start, "meta_ads",
        TestEvents.Json($$"""{ "ad_set_id": "{{adSetId}}", "reason": "test" }"""));
}
