using Npgsql;

namespace LiveShop.Memory.Events.Subscriptions;

/// <summary>An event a subscription gave up on: what it was, how often it was tried, and the last error.</summary>
public sealed record ParkedEvent(
    string Subscription, long Sequence, Guid? EventId, string? EventType, int Attempts, string Error, DateTimeOffset FirstFailedAt, DateTimeOffset ParkedAt);

/// <summary>
/// The events subscriptions failed on (table <c>event_subscription_failures</c>): each failed attempt is counted, and once
/// the attempts run out the event is parked with its error, so one poisoned event is shown to an operator instead of
/// holding back every event after it. A sequence number that never appeared is parked the same way, without an event.
/// </summary>
public sealed class ParkedEvents(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Counts a failed attempt at an event and returns how many there have been.</summary>
    public async Task<int> RecordFailureAsync(string subscription, StoredEvent e, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO event_subscription_failures (subscription, sequence, event_id, event_type, attempts, error, first_failed_at, last_failed_at)
            VALUES ($1, $2, $3, $4, 1, $5, $6, $6)
            ON CONFLICT (subscription, sequence) DO UPDATE
              SET attempts = event_subscription_failures.attempts + 1, error = excluded.error, last_failed_at = excluded.last_failed_at
            RETURNING attempts
            """);
        command.Parameters.Add(new() { Value = subscription });
        command.Parameters.Add(new() { Value = e.Sequence });
        command.Parameters.Add(new() { Value = e.EventId });
        command.Parameters.Add(new() { Value = e.Type });
        command.Parameters.Add(new() { Value = error });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Parks an event whose attempts ran out.</summary>
    public async Task ParkAsync(string subscription, long sequence, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE event_subscription_failures SET parked_at = $3 WHERE subscription = $1 AND sequence = $2 AND parked_at IS NULL");
        command.Parameters.Add(new() { Value = subscription });
        command.Parameters.Add(new() { Value = sequence });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Parks sequence numbers a subscription passed because they never appeared within the settle time.</summary>
    public async Task ParkMissingAsync(string subscription, SettledGap gap, TimeSpan waited, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO event_subscription_failures (subscription, sequence, attempts, error, first_failed_at, last_failed_at, parked_at)
            SELECT $1, s, 1, $4, $5, $5, $5 FROM generate_series($2::bigint, $3::bigint) AS s
            ON CONFLICT (subscription, sequence) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = subscription });
        command.Parameters.Add(new() { Value = gap.From });
        command.Parameters.Add(new() { Value = gap.To });
        command.Parameters.Add(new() { Value = $"sequence missing for {waited.TotalSeconds:0} s; passed as never committed" });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Parked events, newest first, optionally of one subscription.</summary>
    public async Task<IReadOnlyList<ParkedEvent>> ListAsync(string? subscription, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT subscription, sequence, event_id, event_type, attempts, error, first_failed_at, parked_at
            FROM event_subscription_failures
            WHERE parked_at IS NOT NULL AND ($1::text IS NULL OR subscription = $1)
            ORDER BY parked_at DESC, sequence DESC LIMIT $2
            """);
        command.Parameters.Add(new() { Value = (object?)subscription ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var parked = new List<ParkedEvent>();
        while (await reader.ReadAsync(cancellationToken))
            parked.Add(new ParkedEvent(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)));
        return parked;
    }
}
