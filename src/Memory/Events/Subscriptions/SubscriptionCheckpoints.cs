using Npgsql;

namespace LiveShop.Memory.Events.Subscriptions;

/// <summary>A subscription's position and who holds it, for the console and the CLI.</summary>
public sealed record SubscriptionState(string Name, long Position, string? Owner, DateTimeOffset? LeaseExpiresAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Each subscription's position in the event chain and the lease that gives it one owner across hosts (table
/// <c>event_subscriptions</c>). A host takes a subscription when it is free, already its own, or its lease expired (its
/// owner died or hung); every move of the position is conditional on still holding the lease, so a host that lost it
/// can never move a position another host now owns.
/// </summary>
public sealed class SubscriptionCheckpoints(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The position when <paramref name="owner"/> holds (or now takes) the subscription's lease; null when another host does.</summary>
    /// <remarks>A subscription seen for the first time starts at 0, or at the chain's head when <paramref name="startAtHead"/>.</remarks>
    public async Task<long?> TryAcquireAsync(string name, string owner, TimeSpan leaseFor, bool startAtHead, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One statement: a new subscription is created already owned; an existing one is taken only when free, already
        // this owner's, or its lease has run out (no row comes back otherwise).
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO event_subscriptions AS s (name, position, owner, lease_expires_at, updated_at)
              VALUES ($1, CASE WHEN $5 THEN (SELECT coalesce(max(sequence), 0) FROM business_events) ELSE 0 END, $2, $3, $4)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_expires_at = excluded.lease_expires_at
              WHERE s.owner IS NULL OR s.owner = excluded.owner OR s.lease_expires_at <= $4
            RETURNING s.position
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = now + leaseFor });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = startAtHead });
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : null;
    }

    /// <summary>Moves the position and renews the lease; false when <paramref name="owner"/> no longer holds it (nothing moved).</summary>
    public async Task<bool> AdvanceAsync(string name, string owner, long position, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            """
            UPDATE event_subscriptions SET position = greatest(position, $3), lease_expires_at = $4, updated_at = $5
            WHERE name = $1 AND owner = $2 AND lease_expires_at > $5
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = position });
        command.Parameters.Add(new() { Value = now + leaseFor });
        command.Parameters.Add(new() { Value = now });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives the lease up (a host stopping cleanly), so another host need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE event_subscriptions SET owner = NULL, lease_expires_at = NULL WHERE name = $1 AND owner = $2");
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every subscription's state, by name.</summary>
    public async Task<IReadOnlyList<SubscriptionState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT name, position, owner, lease_expires_at, updated_at FROM event_subscriptions ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<SubscriptionState>();
        while (await reader.ReadAsync(cancellationToken))
            states.Add(new SubscriptionState(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        return states;
    }
}
