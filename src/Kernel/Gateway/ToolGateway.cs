using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Proofs;
using Npgsql;

namespace LiveShop.Kernel.Gateway;

/// <summary>
/// The only door to the executors. Runs an action only with a valid, unexpired, untampered proof for the current policy
/// version and, when the verdict requires approval, an approved, unexpired approval bound to the same arguments hash.
/// Exactly once per idempotency key: the key's unique row in <see cref="GatewayExecutions"/> is claimed before executing. A claim
/// left <c>in_progress</c> longer than <see cref="ClaimLease"/> (its host crashed) is re-claimed by the next submit of the
/// same key and arguments; the executor runs again under the first attempt's action id and finds its own receipt if the
/// first attempt had committed (see <see cref="ExecutionReceipts"/>).
/// </summary>
public sealed class ToolGateway(
    NpgsqlDataSource dataSource, ProofSigner signer, PolicyInForce policies, ExecutorRegistry executors,
    ApprovalGate approvals, PlatformEvents events, TimeProvider time)
{
    private readonly GatewayExecutions _executions = new(dataSource);

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
        var now = time.GetUtcNow();
        var claim = await _executions.TryClaimAsync(key, packet, argumentsHash, approvalId, now, cancellationToken)
            ?? await _executions.TryReclaimAsync(key, argumentsHash, now, now - ClaimLease, cancellationToken);
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
            await _executions.CompleteAsync(key, claim.Attempt, GatewayExecutions.Failed, null, new { Error = e.GetBaseException().Message }, null, time.GetUtcNow());
            await events.AppendAsync("ActionFailed", key, new
            {
                packet.ActionId, Action = packet.ProposedAction, IdempotencyKey = key, Error = e.GetBaseException().Message, ApprovalId = approvalId?.ToString(),
            }, cancellationToken);
            return new GatewayResult { Status = GatewayStatus.Failed, Message = $"{packet.ProposedAction} failed: {e.GetBaseException().Message}", IdempotencyKey = key };
        }

        object inverse = result.Inverse is { } inv
            ? new { inv.Action, inv.Parameters }
            : new { Irreversible = result.IrreversibleBecause ?? ActionCatalog.Find(packet.ProposedAction)?.IrreversibleBecause ?? $"{packet.ProposedAction} cannot be undone" };
        await _executions.CompleteAsync(key, claim.Attempt, GatewayExecutions.Succeeded, result.ConnectorReference, new { result.Summary, result.Details }, inverse, time.GetUtcNow());
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
        var record = await _executions.FindByKeyAsync(key, cancellationToken);
        if (record is null || record.Status == GatewayExecutions.InProgress) return null;
        return string.Equals(record.ArgumentsHash, ActionHashes.Arguments(packet.ProposedAction, packet.Parameters), StringComparison.Ordinal)
            ? Settled(key, record)
            : null;
    }

    /// <summary>The successful (or failed) execution recorded for an action id, or null.</summary>
    public Task<ExecutionRecord?> FindExecutionAsync(string actionId, CancellationToken cancellationToken) =>
        _executions.FindLatestForActionAsync(actionId, cancellationToken);

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
        if (verdict.Approver == Approver.Founder && !approval.NeedsFounder)
            return $"approval {id} was not a founder approval; this action now needs the founder";
        return null;
    }

    /// <summary>Claims still <c>in_progress</c> past their lease (their host stopped mid-execution), oldest first.</summary>
    public Task<IReadOnlyList<StaleClaim>> StaleClaimsAsync(CancellationToken cancellationToken) =>
        _executions.StaleClaimsAsync(time.GetUtcNow() - ClaimLease, cancellationToken);

    private async Task<GatewayResult> RecordedOutcomeAsync(string key, string argumentsHash, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + DuplicateWait;
        while (true)
        {
            var record = (await _executions.FindByKeyAsync(key, cancellationToken))!;
            if (!string.Equals(record.ArgumentsHash, argumentsHash, StringComparison.Ordinal))
                return new GatewayResult
                {
                    Status = GatewayStatus.Refused, IdempotencyKey = key,
                    Message = $"idempotency key '{key}' was already used for other arguments ({record.Action}, action {record.ActionId}); nothing ran",
                };
            if (record.Status != GatewayExecutions.InProgress) return Settled(key, record);
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
        Status = record.Status == GatewayExecutions.Succeeded ? GatewayStatus.Executed : GatewayStatus.Failed,
        Message = $"already {(record.Status == GatewayExecutions.Succeeded ? "executed" : "failed")} under idempotency key '{key}' as action {record.ActionId}; not executed again",
        IdempotencyKey = key, ConnectorReference = record.ConnectorReference, Duplicate = true,
    };
}
