using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Kernel.Verification.Facts.Live;

/// <summary>
/// The reads of one verification, sent to PostgreSQL as one batch (one round trip) and read back in order, each result
/// set handed row by row to the reader that asked for it.
/// </summary>
internal sealed class FactsBatch
{
    private readonly List<(NpgsqlBatchCommand Command, Action<NpgsqlDataReader> ReadRow)> _reads = [];

    /// <summary>Adds a query with positional parameters (<c>$1</c>, <c>$2</c>, …); <paramref name="readRow"/> sees each row.</summary>
    public void Add(string sql, Action<NpgsqlDataReader> readRow, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        _reads.Add((command, readRow));
    }

    /// <summary>
    /// Runs every query in one round trip on a <see cref="HotPathConnections.CreateSnapshotReads">snapshot-reads</see> connection. PostgreSQL runs a batch (one Sync
    /// at its end) as one implicit transaction, REPEATABLE READ and READ ONLY on such a connection, so every read sees
    /// the same snapshot; a failed read ends that transaction and the rest of the batch with it.
    /// </summary>
    public async Task ExecuteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (command, _) in _reads) batch.BatchCommands.Add(command);
        // Each action sends the same statements every time: prepared once per pooled connection, they skip parse and plan.
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < _reads.Count; i++)
        {
            if (i > 0 && !await reader.NextResultAsync(cancellationToken))
                throw new InvalidOperationException($"the facts batch returned {i} result sets, expected {_reads.Count}");
            while (await reader.ReadAsync(cancellationToken)) _reads[i].ReadRow(reader);
        }
    }

    /// <summary>A typed positional parameter.</summary>
    public static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };
}
