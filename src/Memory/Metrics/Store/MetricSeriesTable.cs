using Npgsql;

namespace LiveShop.Memory.Metrics.Store;

/// <summary>One stored point: the bucket's start and its components.</summary>
public sealed record MetricRow(DateTimeOffset At, MetricComponents Components);

/// <summary>
/// The owner of <c>metric_series</c>: the only code that reads or writes it. Writes replace a range of hours and their
/// days in one transaction under one advisory lock, so two hosts snapshotting the same hour leave one copy of it, and a
/// reader never sees an hour without its day.
/// </summary>
public sealed class MetricSeriesTable(NpgsqlDataSource dataSource)
{
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended('metric_series', 2026))";

    private static readonly string Columns = string.Join(", ", MetricComponents.Columns);

    // $1 to $4 are the snapshot's parameters, $5 the capture instant.
    private static readonly string InsertHours =
        $"INSERT INTO metric_series (grain, entity_id, resolution, at, {Columns}, captured_at) " +
        $"SELECT s.grain, s.entity_id, 'hour', s.at, {string.Join(", ", MetricComponents.Columns.Select(c => "s." + c))}, $5 " +
        $"FROM ({SnapshotQuery.Sql}) AS s(grain, entity_id, at, {Columns})";

    // A day sums its hours' flows and keeps its last hour's levels.
    private static readonly string RollUp =
        $"INSERT INTO metric_series (grain, entity_id, resolution, at, {Columns}, captured_at) " +
        $"SELECT grain, entity_id, 'day', date_trunc('day', at, 'UTC'), " +
        string.Join(", ", MetricComponents.Columns.Select(c => MetricComponents.Levels.Contains(c) ? $"(array_agg({c} ORDER BY at DESC))[1]" : $"sum({c})")) +
        ", $3 FROM metric_series WHERE resolution = 'hour' AND at >= $1 AND at < $2 GROUP BY grain, entity_id, date_trunc('day', at, 'UTC')";

    /// <summary>
    /// Replaces the hours [<paramref name="from"/>, <paramref name="to"/>) at every grain with what the business says now,
    /// rolls up the days they fall in, then deletes hourly rows before <paramref name="keepHoursFrom"/> (their days stay).
    /// </summary>
    public async Task<int> ReplaceAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset keepHoursFrom, IReadOnlyList<string> cashAccountCodes,
        int burnDays, DateTimeOffset capturedAt, CancellationToken cancellationToken)
    {
        var (dayFrom, dayTo) = (StartOfDay(from), StartOfDay(to.AddTicks(-1)).AddDays(1));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(LockSql),
                // A backfill sorts and hashes every product's every hour; in memory that is several times faster than on disk.
                new NpgsqlBatchCommand("SET LOCAL work_mem = '256MB'"),
                Command("DELETE FROM metric_series WHERE resolution = 'hour' AND at >= $1 AND at < $2", from, to),
                new NpgsqlBatchCommand(InsertHours)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = from },
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = to },
                        new NpgsqlParameter<string[]> { TypedValue = [.. cashAccountCodes] },
                        new NpgsqlParameter<int> { TypedValue = burnDays },
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = capturedAt },
                    },
                },
                Command("DELETE FROM metric_series WHERE resolution = 'day' AND at >= $1 AND at < $2", dayFrom, dayTo),
                Command(RollUp, dayFrom, dayTo, capturedAt),
                Command("DELETE FROM metric_series WHERE resolution = 'hour' AND at < $1", keepHoursFrom),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.CloseAsync();
        var written = batch.BatchCommands[3].RecordsAffected;
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>The start of the newest hour stored, or null when the series is empty.</summary>
    public async Task<DateTimeOffset?> NewestHourAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT max(at) FROM metric_series WHERE resolution = 'hour'");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>The rows of one entity at one resolution from <paramref name="from"/> (included) to <paramref name="to"/> (excluded), oldest first.</summary>
    public async Task<IReadOnlyList<MetricRow>> ReadAsync(string grain, string entityId, string resolution, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT at, {Columns} FROM metric_series WHERE grain = $1 AND entity_id = $2 AND resolution = $3 AND at >= $4 AND at < $5 ORDER BY at");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resolution });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MetricRow>();
        var values = new decimal?[MetricComponents.Columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i + 1) ? null : reader.GetDecimal(i + 1);
            rows.Add(new MetricRow(reader.GetFieldValue<DateTimeOffset>(0), MetricComponents.From(values)));
        }
        return rows;
    }

    /// <summary>
    /// The rows of every entity of <paramref name="grain"/> at one resolution from <paramref name="from"/> (included) to
    /// <paramref name="to"/> (excluded), by entity, oldest first: one round trip for a scan over all products or ad sets.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<MetricRow>>> ReadGrainAsync(string grain, string resolution, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT entity_id, at, {Columns} FROM metric_series WHERE grain = $1 AND resolution = $2 AND at >= $3 AND at < $4 ORDER BY entity_id, at");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resolution });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, IReadOnlyList<MetricRow>>(StringComparer.Ordinal);
        var values = new decimal?[MetricComponents.Columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            var entity = reader.GetString(0);
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i + 2) ? null : reader.GetDecimal(i + 2);
            if (!rows.TryGetValue(entity, out var list)) rows[entity] = list = new List<MetricRow>();
            ((List<MetricRow>)list).Add(new MetricRow(reader.GetFieldValue<DateTimeOffset>(1), MetricComponents.From(values)));
        }
        return rows;
    }

    /// <summary>Whether any row of <paramref name="grain"/> names <paramref name="entityId"/>.</summary>
    public async Task<bool> KnowsAsync(string grain, string entityId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM metric_series WHERE grain = $1 AND entity_id = $2)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Midnight UTC of <paramref name="at"/>'s day.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private static NpgsqlBatchCommand Command(string sql, params DateTimeOffset[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = value });
        return command;
    }
}
