using System.Text.Json;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Serialization;
using Npgsql;

namespace LiveShop.Kernel.Gateway;

/// <summary>
/// The only door to the executors. Runs an action only with a valid, unexpired, untampered proof for the current policy
/// version and, when the verdict requires approval, an approved, unexpired approval bound to the same arguments hash.
/// Exactly once per idempotency key: the key's unique row in <c>gateway_executions</c> is claimed before executing. A claim
/// left <c>in_progress</c> longer than <see cref="ClaimLease"/> (its host crashed) is re-claimed by the next submit of the
/// same key and arguments; the executor runs again under the first attempt's action id and finds its own receipt if the
/// first attempt had committed (see <see cref="ExecutionReceipts"/>).
/// </summary>
public sealed class ToolGateway(
    NpgsqlDataSource dataSource, ProofSigner signer, PolicyInForce policies, ExecutorRegistry executors,
    ApprovalGate approvals, PlatformEvents events, TimeProvider time)
{
    /// <summary>How long a duplicate submit waits for the winner to finish before answering "in progress".</summary>
    public TimeSpan DuplicateWait { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claim may stay <c>in_progress</c> before another submit may take it over (configuration <c>Gateway:ClaimLease</c>).</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks proof and approval, claims the idempotency key and executes (or returns the recorded outcome).</summary>
    public async Task<GatewayResult> ExecuteAsync(ActionPacket packet, Verdict verdict, Guid? approvalId, CancellationToken cancellationToken)
    {
        var refusal = await RefusalAsync(packet, verdict, approvalId, cancellationToken);
        var executor = executors.Find(packet.ProposedAction);
        if (refusal is null && executor is null) refusal = $"no executor is registered for '{packet.ProposedAction}' (fail closed)";
        if (refusal is not null)
        {
            await events.AppendAsync("ActionDenied", $"{packet.ActionId}:gateway:{refusal}", new
            {
                packet.ActionId, Action = packet.ProposedAction, Reason = refusal, Stage = "gateway", verdict.Proof.PolicyVersion,
            }, cancellationToken);
            return new GatewayResult { Status = GatewayStatus.Refused, Message = refusal };
        }

        var key = ActionHashes.IdempotencyKey(packet);
        var argumentsHash = ActionHashes.Arguments(packet.ProposedAction, packet.Parameters);
        var claim = await ClaimAsync(key, packet, argumentsHash, approvalId, cancellationToken)
            ?? await ReclaimStaleAsync(key, argumentsHash, cancellationToken);
        if (claim is null) return await RecordedOutcomeAsync(key, argumentsHash, cancellationToken);
        // A re-claimed execution runs under the first attempt's action id, which the executors key their writes on.
        packet = packet with { ActionId = claim.ActionId };

        ExecutionResult result;
        try
        {
            result = await executor!.ExecuteAsync(packet, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await CompleteAsync(key, claim.Attempt, "failed", null, new { Error = e.GetBaseException().Message }, null, cancellationToken);
            await events.AppendAsync("ActionFailed", key, new
            {
                packet.ActionId, Action = packet.ProposedAction, IdempotencyKey = key, Error = e.GetBaseException().Message, ApprovalId = approvalId?.ToString(),
            }, cancellationToken);
            return new GatewayResult { Status = GatewayStatus.Failed, Message = $"{packet.ProposedAction} failed: {e.GetBaseException().Message}", IdempotencyKey = key };
        }

        object inverse = result.Inverse is { } inv
            ? new { inv.Action, inv.Parameters }
            : new { Irreversible = result.IrreversibleBecause ?? $"{packet.ProposedAction} cannot be undone" };
        await CompleteAsync(key, claim.Attempt, "succeeded", result.ConnectorReference, new { result.Summary, result.Details }, inverse, cancellationToken);
        await events.AppendAsync("ActionExecuted", key, new
        {
            packet.ActionId, Action = packet.ProposedAction, IdempotencyKey = key, result.ConnectorReference,
            ApprovalId = approvalId?.ToString(), verdict.Proof.PolicyVersion, claim.Attempt,
        }, cancellationToken);
        if (approvalId is { } id) await approvals.CloseAsync(id, ApprovalStatus.Executed, $"executed as {result.ConnectorReference}", cancellationToken);
        return new GatewayResult
        {
            Status = GatewayStatus.Executed, Message = result.Summary, IdempotencyKey = key, ConnectorReference = result.ConnectorReference,
        };
    }

    /// <summary>
    /// What an earlier submit of the packet's idempotency key with the same arguments came to (executed or failed), or null
    /// when there was none or it is still running: a retry is answered with it rather than decided afresh on facts that
    /// already include it.
    /// </summary>
    public async Task<GatewayResult?> EarlierOutcomeAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var key = ActionHashes.IdempotencyKey(packet);
        await using var command = dataSource.CreateCommand($"{SelectExecution} WHERE idempotency_key = $1");
        command.Parameters.Add(new() { Value = key });
        var record = await ReadExecutionAsync(command, cancellationToken);
        if (record is null || record.Status == "in_progress") return null;
        return string.Equals(record.ArgumentsHash, ActionHashes.Arguments(packet.ProposedAction, packet.Parameters), StringComparison.Ordinal)
            ? Settled(key, record)
            : null;
    }

    /// <summary>The successful (or failed) execution recorded for an action id, or null.</summary>
    public async Task<ExecutionRecord?> FindExecutionAsync(string actionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"{SelectExecution} WHERE action_id = $1 ORDER BY created_at DESC LIMIT 1");
        command.Parameters.Add(new() { Value = actionId });
        return await ReadExecutionAsync(command, cancellationToken);
    }

    private async Task<string?> RefusalAsync(ActionPacket packet, Verdict verdict, Guid? approvalId, CancellationToken cancellationToken)
    {
        var proof = signer.Verify(verdict, packet);
        if (!proof.IsValid) return $"proof refused: {proof.Message}";
        var policy = await policies.GetAsync(cancellationToken);
        if (!string.Equals(verdict.Proof.PolicyVersion, policy.Version, StringComparison.Ordinal))
            return "proof refused: it was issued under another policy version; verify again under the current policy";
        if (verdict.Decision == Decision.Deny) return "the verdict denies this action: " + string.Join("; ", verdict.Reasons);
        if (verdict.Decision == Decision.Allow) return null;

        if (approvalId is not { } id) return "this action requires an approval and none was given";
        var approval = await approvals.GetAsync(id, cancellationToken);
        if (approval is null) return $"approval {id} does not exist";
        if (approval.Status is not (ApprovalStatus.Approved or ApprovalStatus.Executed)) return $"approval {id} is {approval.Status.Code()}, not approved";
        if (approval.Status == ApprovalStatus.Approved && time.GetUtcNow() >= approval.ExpiresAt)
        {
            await approvals.CloseAsync(id, ApprovalStatus.Expired, "expired before execution", cancellationToken);
            return $"approval {id} expired at {approval.ExpiresAt.UtcDateTime:O}; expired approvals never execute";
        }
        if (!string.Equals(approval.ArgumentsHash, ActionHashes.Arguments(packet.ProposedAction, packet.Parameters), StringComparison.Ordinal))
            return $"approval {id} was given for other arguments; a fresh approval is required";
        if (Enum.Parse<RiskLevel>(approval.RiskLevel) < verdict.RiskLevel)
            return $"approval {id} covers risk {approval.RiskLevel}, the action is now {verdict.RiskLevel}; a fresh approval is required";
        if (verdict.Approver == Approver.Founder && approval.RequiredApprover != ApprovalGate.ApproverCode(Approver.Founder))
            return $"approval {id} was not a founder approval; this action now needs the founder";
        return null;
    }

    private sealed record Claim(string ActionId, int Attempt);

    private async Task<Claim?> ClaimAsync(string key, ActionPacket packet, string argumentsHash, Guid? approvalId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO gateway_executions (id, idempotency_key, action_id, action, arguments_hash, requested_by, approval_id, status, created_at, claimed_at, attempts)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'in_progress', $8, $8, 1)
            ON CONFLICT (idempotency_key) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid() });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = packet.ActionId });
        command.Parameters.Add(new() { Value = packet.ProposedAction });
        command.Parameters.Add(new() { Value = argumentsHash });
        command.Parameters.Add(new() { Value = (object?)packet.RequestedBy ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)approvalId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? new Claim(packet.ActionId, 1) : null;
    }

    // One UPDATE decides among concurrent re-claimers: the row lock makes the losers re-read a fresh claimed_at and match nothing.
    private async Task<Claim?> ReclaimStaleAsync(string key, string argumentsHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE gateway_executions SET claimed_at = $3, attempts = attempts + 1
            WHERE idempotency_key = $1 AND arguments_hash = $2 AND status = 'in_progress' AND claimed_at < $4
            RETURNING action_id, attempts
            """);
        var now = time.GetUtcNow();
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = argumentsHash });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now - ClaimLease });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Claim(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    /// <summary>Claims still <c>in_progress</c> past their lease (their host stopped mid-execution), oldest first.</summary>
    public async Task<IReadOnlyList<StaleClaim>> StaleClaimsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT idempotency_key, action_id, action, requested_by, claimed_at, attempts FROM gateway_executions
            WHERE status = 'in_progress' AND claimed_at < $1 ORDER BY claimed_at
            """);
        command.Parameters.Add(new() { Value = time.GetUtcNow() - ClaimLease });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stale = new List<StaleClaim>();
        while (await reader.ReadAsync(cancellationToken))
            stale.Add(new StaleClaim(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5)));
        return stale;
    }

    // Only the attempt holding the claim records the outcome; a superseded attempt that wakes up late changes nothing.
    private async Task CompleteAsync(string key, int attempt, string status, string? reference, object result, object? inverse, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE gateway_executions SET status = $2, connector_reference = $3, result = $4::jsonb, inverse = $5::jsonb, completed_at = $6
            WHERE idempotency_key = $1 AND attempts = $7 AND status = 'in_progress'
            """);
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = (object?)reference ?? DBNull.Value });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(result, JsonDefaults.Options) });
        command.Parameters.Add(new() { Value = inverse is null ? DBNull.Value : JsonSerializer.Serialize(inverse, JsonDefaults.Options) });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        command.Parameters.Add(new() { Value = attempt });
        // Completion must be recorded even when the caller gave up waiting: the executor already acted.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task<GatewayResult> RecordedOutcomeAsync(string key, string argumentsHash, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + DuplicateWait;
        while (true)
        {
            await using var command = dataSource.CreateCommand($"{SelectExecution} WHERE idempotency_key = $1");
            command.Parameters.Add(new() { Value = key });
            var record = (await ReadExecutionAsync(command, cancellationToken))!;
            if (!string.Equals(record.ArgumentsHash, argumentsHash, StringComparison.Ordinal))
                return new GatewayResult
                {
                    Status = GatewayStatus.Refused, IdempotencyKey = key,
                    Message = $"idempotency key '{key}' was already used for other arguments ({record.Action}, action {record.ActionId}); nothing ran",
                };
            if (record.Status != "in_progress") return Settled(key, record);
            if (DateTime.UtcNow >= deadline)
                return new GatewayResult
                {
                    Status = GatewayStatus.InProgress, IdempotencyKey = key, Duplicate = true,
                    Message = $"action {record.ActionId} with idempotency key '{key}' is still executing; ask again for its outcome",
                };
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    private static GatewayResult Settled(string key, ExecutionRecord record) => new()
    {
        Status = record.Status == "succeeded" ? GatewayStatus.Executed : GatewayStatus.Failed,
        Message = $"already {(record.Status == "succeeded" ? "executed" : "failed")} under idempotency key '{key}' as action {record.ActionId}; not executed again",
        IdempotencyKey = key, ConnectorReference = record.ConnectorReference, Duplicate = true,
    };

    private const string SelectExecution =
        "SELECT idempotency_key, action_id, action, arguments_hash, status, connector_reference, result::text, inverse::text FROM gateway_executions";

    private static async Task<ExecutionRecord?> ReadExecutionAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
