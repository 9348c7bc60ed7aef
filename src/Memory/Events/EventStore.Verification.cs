using System.Data;
using System.Text.Json;

namespace LiveShop.Memory.Events;

public sealed partial class EventStore
{
    /// <summary>
    /// Streams the whole chain in sequence order and re-derives every hash from the stored row: a changed row, a broken
    /// link or a missing sequence is reported with the first sequence where the chain stops being trustworthy.
    /// </summary>
    public async Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the whole walk, so appends running meanwhile cannot look like gaps.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT sequence, event_id, type, occurred_at, source, data::text, prev_hash, hash FROM {_table} ORDER BY sequence",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);

        using var hasher = new EventHasher();
        var previousHash = EventHasher.GenesisHash.ToArray();
        var expectedSequence = 1L;
        var checkedCount = 0L;
        var recomputed = new byte[EventHasher.HashSize];
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var eventId = reader.GetGuid(1);
            var type = reader.GetString(2);
            var occurredAt = reader.GetFieldValue<DateTimeOffset>(3);
            var source = reader.GetString(4);
            var dataText = reader.GetString(5);
            var prevHash = reader.GetFieldValue<byte[]>(6);
            var hash = reader.GetFieldValue<byte[]>(7);

            if (sequence != expectedSequence)
                return Broken(checkedCount, expectedSequence,
                    sequence - 1 == expectedSequence
                        ? $"sequence {expectedSequence} is missing (sequence {sequence} follows {expectedSequence - 1})"
                        : $"sequences {expectedSequence}–{sequence - 1} are missing (sequence {sequence} follows {expectedSequence - 1})");
            if (!prevHash.AsSpan().SequenceEqual(previousHash))
                return Broken(checkedCount, sequence, $"sequence {sequence}: prev_hash does not match the hash of sequence {sequence - 1}");

            // jsonb re-orders keys and rewrites numbers; canonical JSON of the stored text is what was hashed.
            using (var data = JsonDocument.Parse(dataText))
                hasher.Hash(sequence, eventId, type, occurredAt, source, data.RootElement, prevHash, recomputed);
            if (!recomputed.AsSpan().SequenceEqual(hash))
                return Broken(checkedCount, sequence, $"sequence {sequence}: stored content does not match its hash (the row was changed)");

            checkedCount++;
            previousHash = hash;
            expectedSequence = sequence + 1;
        }
        return new ChainVerification(true, checkedCount, null, null);
    }

    private static ChainVerification Broken(long checkedCount, long sequence, string problem) =>
        new(false, checkedCount, sequence, problem);
}
