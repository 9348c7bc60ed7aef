using System.Text.Json;

namespace LiveShop.Memory.Events;

/// <summary>One place in the chain as a subscription reads it: the event, when its type is one the subscription handles.</summary>
/// <param name="Sequence">The chain position.</param>
/// <param name="Event">The whole event, or null when the subscription does not handle its type.</param>
public sealed record FeedEntry(long Sequence, StoredEvent? Event);

public sealed partial class EventStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> chain positions after <paramref name="afterSequence"/>, in order, with the whole event only
    /// for <paramref name="types"/>: a subscription sees every sequence number (so it can tell a gap from an event it skips)
    /// without loading the data of events it does not handle.
    /// </summary>
    public async Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(long afterSequence, int limit, IReadOnlyCollection<string> types, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(
            """
            SELECT sequence, type = ANY($3) AS wanted, event_id, type, occurred_at, source,
                   CASE WHEN type = ANY($3) THEN data::text END, recorded_at, hash
            FROM business_events WHERE sequence > $1 ORDER BY sequence LIMIT $2
            """);
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = types.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<FeedEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            if (!reader.GetBoolean(1))
            {
                entries.Add(new FeedEntry(sequence, null));
                continue;
            }
            using var data = JsonDocument.Parse(reader.GetString(6));
            entries.Add(new FeedEntry(sequence, new StoredEvent(
                sequence, reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5),
                data.RootElement.Clone(), reader.GetFieldValue<DateTimeOffset>(7), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(8)))));
        }
        return entries;
    }

    /// <summary>The chain's last sequence number visible now (0 when empty).</summary>
    public async Task<long> HeadSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(sequence), 0) FROM business_events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
