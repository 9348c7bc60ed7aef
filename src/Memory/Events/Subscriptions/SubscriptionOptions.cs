namespace LiveShop.Memory.Events.Subscriptions;

/// <summary>How subscriptions read, retry, hold their lease and treat a gap in the sequence.</summary>
public sealed record SubscriptionOptions
{
    /// <summary>Events read per round and subscription.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Attempts at one event before it is parked and the subscription moves on.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long a host owns a subscription without renewing; another host takes it over after that.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a missing sequence number holds a subscription back before it is treated as settled (recorded as parked,
    /// then passed). The event store hands out sequences densely under its chain lock, so a gap only ever means a
    /// transaction still in flight; this bound only keeps a row that never commits from stopping a subscription for good.
    /// </summary>
    public TimeSpan GapSettleAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause between rounds of the background worker when nothing was waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
