namespace LiveShop.Memory.Events.Subscriptions;

/// <summary>
/// A consumer of the event chain with a position of its own. Delivery is at least once, in sequence order: a handler may
/// see an event again (after a crash, a lost lease or a retry) and must act on it once, keyed by its event id.
/// </summary>
public interface IEventSubscription
{
    /// <summary>The subscription's stable name (lower-case, digits and underscores): its checkpoint and lease are kept under it.</summary>
    string Name { get; }

    /// <summary>The event types handed to <see cref="HandleAsync"/>; the rest pass by without a call.</summary>
    IReadOnlySet<string> EventTypes { get; }

    /// <summary>
    /// Where a subscription seen for the first time starts: false from the chain's first event, true from its head at that
    /// moment (a reaction acts on what happens from now on, not on the history it finds, such as a seeded business).
    /// </summary>
    bool StartsAtHead => false;

    /// <summary>Handles one event; throwing makes the runner retry it, then park it with the error.</summary>
    Task HandleAsync(StoredEvent e, CancellationToken cancellationToken);
}
