using System.Text.Json;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Serialization;
using Npgsql;

namespace LiveShop.Kernel.Gateway;

/// <summary>A claim on an idempotency key: the action id the execution runs under and which attempt holds it.</summary>
public sealed record ExecutionClaim(string ActionId, int Attempt);

/// <summary>What the gateway executed in a window: all, those without a human, and those undone since.</summary>
public sealed record ExecutionTally(int Executed, int WithoutHuman, int Undone);

/// <summary>
/// The only reader and writer of <c>gateway_executions</c>, the exactly-once ledger of the <see cref="ToolGateway"/>.
/// Raw SQL on the data source, one round trip per step, because every executed action passes through here: the claim is
/// an <c>INSERT … ON CONFLICT DO NOTHING</c>, a re-claim a single guarded <c>UPDATE</c>, a completion an attempt-guarded
/// <c>UPDATE</c>.
/// </summary>
public sealed class GatewayExecutions(NpgsqlDataSource dataSource)
{
    /// <summary><c>in_progress</c>: claimed and executing (or its host stopped).</summary>
    public const string InProgress = "in_progress";

    /// <summary><c>succeeded</c>: the executor acted.</summary>
    public const string Succeeded = "succeeded";

    /// <summary><c>failed</c>: the executor threw; not retried under the same key.</summary>
    public const string Failed = "failed";

    private const string SelectExecution =
        "SELECT idempotency_key, action_id, action, arguments_hash, status, connector_reference, result::text, inverse::text FROM gateway_executions";

    /// <summary>
    /// The actions executed in [<paramref name="from"/>, <paramref name="to"/>) (completed successfully, undos excluded): how
    /// many, how many ran with no approval at the request of an agent or an automation rather than a person, and how many
    /// were undone since (an undo that executed under the key <c>undo:</c> + theirs).
    /// </summary>
    public async Task<ExecutionTally> TallyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT count(*),
                   count(*) FILTER (WHERE g.approval_id IS NULL AND (g.requested_by LIKE 'automation:%' OR g.requested_by LIKE 'agent:%')),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM gateway_executions u
                                                  WHERE u.idempotency_key = 'undo:' || g.idempotency_key AND u.status = '{Succeeded}'))
            FROM gateway_executions g
            WHERE g.status = '{Succeeded}' AND g.completed_at >= $1 AND g.completed_at < $2 AND g.idempotency_key NOT LIKE 'undo:%'
            """);
        command.Parameters.Add(new() { Value = from.ToUniversalTime() });
        command.Parameters.Add(new() { Value = to.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ExecutionTally((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    /// <summary>Claims the key for a first attempt; null when it was already claimed.</summary>
    public async Task<ExecutionClaim?> TryClaimAsync(string key, ActionPacket packet, string argumentsHash, Guid? approvalId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO gateway_executions (id, idempotency_key, action_id, action, arguments_hash, requested_by, approval_id, status, created_at, claimed_at, attempts)
            VALUES ($1, $2, $3, $4, $5, $6, $7, '{InProgress}', $8, $8, 1)
            ON CONFLICT (idempotency_key) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid() });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = packet.ActionId });
        command.Parameters.Add(new() { Value = packet.ProposedAction });
        command.Parameters.Add(new() { Value = argumentsHash });
        command.Parameters.Add(new() { Value = (object?)packet.RequestedBy ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)approvalId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = now });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? new ExecutionClaim(packet.ActionId, 1) : null;
    }

    /// <summary>Takes over a claim of the same arguments left in progress since before <paramref name="staleBefore"/>; null when there is none.</summary>
    public async Task<ExecutionClaim?> TryReclaimAsync(string key, string argumentsHash, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        // One UPDATE decides among concurrent re-claimers: the row lock makes the losers re-read a fresh claimed_at and match nothing.
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE gateway_executions SET claimed_at = $3, attempts = attempts + 1
            WHERE idempotency_key = $1 AND arguments_hash = $2 AND status = '{InProgress}' AND claimed_at < $4
            RETURNING action_id, attempts
            """);
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = argumentsHash });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = staleBefore });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ExecutionClaim(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    /// <summary>
    /// Records the outcome of the attempt holding the claim (<see cref="Succeeded"/> or <see cref="Failed"/>); a superseded
    /// attempt that wakes up late changes nothing. Not cancellable: the executor already acted.
    /// </summary>
    public async Task CompleteAsync(string key, int attempt, string status, string? reference, object result, object? inverse, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE gateway_executions SET status = $2, connector_reference = $3, result = $4::jsonb, inverse = $5::jsonb, completed_at = $6
            WHERE idempotency_key = $1 AND attempts = $7 AND status = '{InProgress}'
            """);
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = (object?)reference ?? DBNull.Value });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(result, JsonDefaults.Options) });
        command.Parameters.Add(new() { Value = inverse is null ? DBNull.Value : JsonSerializer.Serialize(inverse, JsonDefaults.Options) });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = attempt });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The execution recorded under an idempotency key, or null.</summary>
    public async Task<ExecutionRecord?> FindByKeyAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectExecution} WHERE idempotency_key = $1");
        command.Parameters.Add(new() { Value = key });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The latest execution recorded for an action id, or null.</summary>
    public async Task<ExecutionRecord?> FindLatestForActionAsync(string actionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectExecution} WHERE action_id = $1 ORDER BY created_at DESC LIMIT 1");
        command.Parameters.Add(new() { Value = actionId });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Claims still in progress since before <paramref name="staleBefore"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StaleClaim>> StaleClaimsAsync(DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT idempotency_key, action_id, action, requested_by, claimed_at, attempts FROM gateway_executions
            WHERE status = '{InProgress}' AND claimed_at < $1 ORDER BY claimed_at
            """);
        command.Parameters.Add(new() { Value = staleBefore });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stale = new List<StaleClaim>();
        while (await reader.ReadAsync(cancellationToken))
            stale.Add(new StaleClaim(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5)));
        return stale;
    }

    private static async Task<ExecutionRecord?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        JsonElement? result = reader.IsDBNull(6) ? null : JsonDocument.Parse(reader.GetString(6)).RootElement.Clone();
        ActionInverse? inverse = null;
        string? irreversible = null;
        if (!reader.IsDBNull(7))
        {
            var root = JsonDocument.Parse(reader.GetString(7)).RootElement;
            if (root.TryGetProperty("irreversible", out var why)) irreversible = why.GetString();
            else inverse = new ActionInverse(root.GetProperty("action").GetString()!, root.GetProperty("parameters").Clone());
        }
        return new ExecutionRecord
        {
            IdempotencyKey = reader.GetString(0), ActionId = reader.GetString(1), Action = reader.GetString(2),
            ArgumentsHash = reader.GetString(3), Status = reader.GetString(4),
            ConnectorReference = reader.IsDBNull(5) ? null : reader.GetString(5),
            Result = result, Inverse = inverse, IrreversibleBecause = irreversible,
        };
    }
}
