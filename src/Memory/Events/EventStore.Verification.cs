using System.Data;
using System.Text.Json;
using LiveShop.Memory.Events.Checkpoints;

namespace LiveShop.Memory.Events;

public sealed partial class EventStore
{
    /// <summary>
    /// Streams the whole chain in sequence order and re-derives every hash from the stored row: a changed row, a broken
    /// link or a missing sequence is reported with the first sequence where the chain stops being trustworthy.
    /// </summary>
    public Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken = default) =>
        VerifyChainAsync(1, null, cancellationToken);

    /// <summary>
    /// Re-derives every hash from <paramref name="fromSequence"/> on (linked to the stored hash of the row before it) and,
    /// given a signed <paramref name="checkpoint"/>, checks that the chain still reaches the checkpointed sequence with the
    /// checkpointed hash: a deleted tail or a chain rewritten from the start is reported even though every link holds.
    /// </summary>
    public async Task<ChainVerification> VerifyChainAsync(long fromSequence, ChainCheckpoint? checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromSequence);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the whole walk, so appends running meanwhile cannot look like gaps.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // The row before the range is read too: its stored hash is what the range's first link must match.
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT sequence, event_id, type, occurred_at, source, data::text, prev_hash, hash FROM business_events WHERE sequence >= $1 ORDER BY sequence",
            connection, transaction);
        command.Parameters.Add(new() { Value = fromSequence - 1 });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);

        using var hasher = new EventHasher();
        var previousHash = EventHasher.GenesisHash.ToArray();
        var expectedSequence = fromSequence;
        var checkedCount = 0L;
        var recomputed = new byte[EventHasher.HashSize];
        var anchored = fromSequence == 1;
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            if (!anchored)
            {
                anchored = true;
                if (sequence != fromSequence - 1)
                    return Broken(checkedCount, fromSequence - 1, $"sequence {fromSequence - 1} is missing (the range's first link has nothing to match)");
                previousHash = reader.GetFieldValue<byte[]>(7); // sequential access may skip forward to the hash
                continue;
            }
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
            if (checkpoint is not null && sequence == checkpoint.Sequence && !Convert.ToHexStringLower(hash).Equals(checkpoint.Hash, StringComparison.OrdinalIgnoreCase))
                return Broken(checkedCount, sequence,
                    $"sequence {sequence}: its hash differs from the signed checkpoint written at {checkpoint.WrittenAt.UtcDateTime:O} (the chain was rewritten)");

            checkedCount++;
            previousHash = hash;
            expectedSequence = sequence + 1;
        }
        if (checkpoint is not null && expectedSequence <= checkpoint.Sequence)
            return Broken(checkedCount, expectedSequence,
                $"the chain ends at sequence {expectedSequence - 1}, but the signed checkpoint written at {checkpoint.WrittenAt.UtcDateTime:O} " +
                $"records sequence {checkpoint.Sequence}: events {expectedSequence}–{checkpoint.Sequence} were deleted");
        return new ChainVerification(true, checkedCount, null, null);
    }

    /// <summary>The chain's head: its last sequence and that event's hash (hex); sequence 0 and the genesis hash when empty.</summary>
    public async Task<(long Sequence, string Hash)> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT sequence, hash FROM business_events ORDER BY sequence DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(1)))
            : (0, Convert.ToHexStringLower(EventHasher.GenesisHash));
    }

    private static ChainVerification Broken(long checkedCount, long sequence, string problem) =>
        new(false, checkedCount, sequence, problem);
}
