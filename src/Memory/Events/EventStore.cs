using System.Text.Json;
using LiveShop.Memory.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace LiveShop.Memory.Events;

/// <summary>
/// The append-only, hash-chained store of business events (table <c>business_events</c>). Appends are idempotent by
/// event_id and serialised by an advisory lock, so several hosts can append to one chain; each row's hash covers its
/// content and the previous row's hash (see <see cref="EventHasher"/>).
/// </summary>
public sealed partial class EventStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>Advisory lock key every appender takes, so sequences and hashes form one chain.</summary>
    private const long AppendLockKey = 0x4C53_4556_454E_5453; // "LSEVENTS"

    /// <summary>Appends one event (idempotent by event_id).</summary>
    public Task<AppendResult> AppendAsync(NewEvent e, CancellationToken cancellationToken = default) =>
        AppendAsync([e], cancellationToken);

    /// <summary>
    /// Appends a batch in one transaction: events whose event_id is already stored (or repeats earlier in the batch)
    /// are skipped, the rest get the next sequences and chained hashes and are written with one binary COPY.
    /// Throws <see cref="EventValidationException"/> (writing nothing) when any event does not match the catalogue.
    /// </summary>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await AppendCoreAsync(events, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Appends a batch inside the caller's transaction, so business rows and their events commit together
    /// (or not at all). The caller commits; the chain lock is held until then.
    /// </summary>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(transaction);
        return await AppendCoreAsync(events, transaction.Connection!, transaction, cancellationToken);
    }

    private async Task<AppendResult> AppendCoreAsync(IReadOnlyList<NewEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var ids = new Guid[events.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = events[i].EventId;

        // The database takes the chain lock and reads the head while this process validates and canonicalises the
        // batch on two cores; only the chaining below is sequential. Nothing is written before validation passed.
        var chainHead = LockAndReadChainHeadAsync(connection, transaction, ids, cancellationToken);
        var validation = Task.Run(() => EventValidator.Validate(events), cancellationToken);
        var canonicalData = Task.Run(() => CanonicaliseData(events), cancellationToken);
        var (stored, lastSequence, lastHash) = await chainHead;
        var errors = await validation;
        var data = await canonicalData;
        if (errors.Count > 0) throw new EventValidationException(errors);

        var fresh = new List<int>(events.Count);
        var seen = new HashSet<Guid>(stored);
        for (var i = 0; i < events.Count; i++)
            if (seen.Add(events[i].EventId)) fresh.Add(i);
        if (fresh.Count == 0)
            return new AppendResult(0, events.Count, lastSequence);

        var recordedAt = timeProvider.GetUtcNow().ToUniversalTime();
        var prevHash = lastHash;
        using var hasher = new EventHasher();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY business_events (sequence, event_id, type, occurred_at, source, data, recorded_at, prev_hash, hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var index in fresh)
            {
                var e = events[index];
                var sequence = ++lastSequence;
                var occurredAt = EventHasher.ToStoredPrecision(e.OccurredAt);
                var hash = new byte[EventHasher.HashSize];
                hasher.HashCanonical(sequence, e.EventId, e.Type, occurredAt, e.Source, data[index]!, prevHash, hash);

                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(occurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(e.Source, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(data[index]!, NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(prevHash, NpgsqlDbType.Bytea, cancellationToken);
                await importer.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
                prevHash = hash;
            }
            await importer.CompleteAsync(cancellationToken);
        }
        return new AppendResult(fresh.Count, events.Count - fresh.Count, lastSequence);
    }

    // Runs beside validation, so it must not throw on data validation is about to reject: such events get null.
    private static byte[]?[] CanonicaliseData(IReadOnlyList<NewEvent> events)
    {
        var data = new byte[]?[events.Count];
        for (var i = 0; i < data.Length; i++)
        {
            try
            {
                data[i] = CanonicalJson.ToUtf8Bytes(events[i].Data);
            }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or ArgumentException)
            {
                data[i] = null;
            }
        }
        return data;
    }

    /// <summary>One round trip: take the chain lock, then (seeing everything committed before it) the ids already stored and the chain's head.</summary>
    private async Task<(Guid[] Stored, long LastSequence, byte[] LastHash)> LockAndReadChainHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = AppendLockKey } } },
                new NpgsqlBatchCommand("SELECT event_id FROM business_events WHERE event_id = ANY($1)") { Parameters = { new() { Value = ids } } },
                new NpgsqlBatchCommand("SELECT sequence, hash FROM business_events ORDER BY sequence DESC LIMIT 1"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var stored = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken)) stored.Add(reader.GetGuid(0));
        await reader.NextResultAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
            return (stored.ToArray(), reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        return (stored.ToArray(), 0, EventHasher.GenesisHash.ToArray());
    }

    /// <summary>How many events the store holds.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM business_events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Up to <paramref name="limit"/> stored events after a sequence, in chain order (for the console and audit views).</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(
            "SELECT sequence, event_id, type, occurred_at, source, data::text, recorded_at, hash FROM business_events WHERE sequence > $1 ORDER BY sequence LIMIT $2");
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var data = JsonDocument.Parse(reader.GetString(5));
            events.Add(new StoredEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), data.RootElement.Clone(),
                reader.GetFieldValue<DateTimeOffset>(6), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(7))));
        }
        return events;
    }
}
