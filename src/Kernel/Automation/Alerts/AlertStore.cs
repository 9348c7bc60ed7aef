using LiveShop.Kernel.Gateway;
using Npgsql;

namespace LiveShop.Kernel.Automation.Alerts;

/// <summary>
/// The <c>alerts</c> table: raises alerts (one per incident), lists them, and moves them through acknowledged and resolved.
/// An alert is not raised again while one of the same kind and entity is unresolved (a unique index holds this across
/// hosts) or was resolved within the cooldown. Every change is recorded as a platform event.
/// </summary>
public sealed class AlertStore(NpgsqlDataSource dataSource, PlatformEvents events, TimeProvider time)
{
    private const string Columns =
        "alert_id, kind, metric, grain, entity_id, observed, expected_low, expected_high, window_from, window_to, message, raised_by, " +
        "status, raised_at, acknowledged_by, acknowledged_at, resolved_by, resolved_at";

    /// <summary>Raises <paramref name="draft"/> unless the same incident already has an alert; returns the new alert or null.</summary>
    public async Task<Alert?> RaiseAsync(AlertDraft draft, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO alerts ({Columns})
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, NULL, NULL, NULL, NULL
            WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE kind = $2 AND entity_id = $5 AND resolved_at > $14)
            ON CONFLICT DO NOTHING
            RETURNING {Columns}
            """);
        var id = Guid.NewGuid();
        foreach (var value in new object?[]
                 {
                     id, draft.Kind, draft.Metric, draft.Grain, draft.EntityId, draft.Observed, draft.ExpectedLow, draft.ExpectedHigh,
                     draft.WindowFrom, draft.WindowTo, Clip(draft.Message, 2000), draft.RaisedBy, now, now - cooldown,
                 })
            command.Parameters.Add(new() { Value = value ?? DBNull.Value });
        Alert? raised = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            if (await reader.ReadAsync(cancellationToken)) raised = Read(reader);
        if (raised is null) return null;
        await events.AppendAsync("AlertRaised", id.ToString(), new
        {
            AlertId = id, draft.Kind, draft.Metric, draft.Grain, draft.EntityId, draft.Observed, draft.ExpectedLow, draft.ExpectedHigh,
            draft.WindowFrom, draft.WindowTo, draft.Message, draft.RaisedBy,
        }, cancellationToken);
        return raised;
    }

    /// <summary>True when an alert of <paramref name="kind"/> for <paramref name="entityId"/> is open or was raised within <paramref name="cooldown"/>.</summary>
    public async Task<bool> IsActiveAsync(string kind, string entityId, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM alerts WHERE kind = $1 AND entity_id = $2 AND (status <> 'resolved' OR resolved_at > $3))");
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = entityId });
        command.Parameters.Add(new() { Value = time.GetUtcNow() - cooldown });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The newest alerts first, optionally only those with <paramref name="status"/>.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(AlertStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM alerts WHERE $1::text IS NULL OR status = $1 ORDER BY raised_at DESC, alert_id LIMIT $2");
        command.Parameters.Add(new() { Value = status is { } s ? Code(s) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = Math.Clamp(limit, 1, 1000) });
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) alerts.Add(Read(reader));
        return alerts;
    }

    /// <summary>Alerts raised in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public async Task<IReadOnlyList<Alert>> RaisedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM alerts WHERE raised_at >= $1 AND raised_at < $2 ORDER BY raised_at, kind, entity_id");
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) alerts.Add(Read(reader));
        return alerts;
    }

    /// <summary>How many alerts are open (not yet acknowledged): the console's badge.</summary>
    public async Task<int> CountOpenAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM alerts WHERE status = 'open'");
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Acknowledges an open alert as <paramref name="user"/>; false when it is not open (unknown, acknowledged or resolved).</summary>
    public Task<bool> AcknowledgeAsync(Guid alertId, string user, CancellationToken cancellationToken) =>
        MoveAsync(alertId, user, "acknowledged", "status = 'open'", "acknowledged_by = $2, acknowledged_at = $3", "AlertAcknowledged", cancellationToken);

    /// <summary>Resolves an unresolved alert as <paramref name="user"/>; false when it is unknown or already resolved.</summary>
    public Task<bool> ResolveAsync(Guid alertId, string user, CancellationToken cancellationToken) =>
        MoveAsync(alertId, user, "resolved", "status <> 'resolved'", "resolved_by = $2, resolved_at = $3", "AlertResolved", cancellationToken);

    private async Task<bool> MoveAsync(Guid alertId, string user, string to, string when, string set, string eventType, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand($"UPDATE alerts SET status = '{to}', {set} WHERE alert_id = $1 AND {when}");
        command.Parameters.Add(new() { Value = alertId });
        command.Parameters.Add(new() { Value = user });
        command.Parameters.Add(new() { Value = now });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
        await events.AppendAsync(eventType, $"{alertId}:{to}", new { AlertId = alertId, By = user }, cancellationToken);
        return true;
    }

    private static Alert Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        new AlertDraft(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), NullableDecimal(r, 5), NullableDecimal(r, 6), NullableDecimal(r, 7),
            r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9), r.GetString(10), r.GetString(11)),
        Parse(r.GetString(12)), r.GetFieldValue<DateTimeOffset>(13),
        r.IsDBNull(14) ? null : r.GetString(14), r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
        r.IsDBNull(16) ? null : r.GetString(16), r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17));

    private static decimal? NullableDecimal(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    /// <summary>The stored spelling of a status.</summary>
    public static string Code(AlertStatus status) => status.ToString().ToLowerInvariant();

    private static AlertStatus Parse(string code) => Enum.Parse<AlertStatus>(code, ignoreCase: true);

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
