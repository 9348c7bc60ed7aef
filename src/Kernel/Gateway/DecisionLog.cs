using System.Text.Json;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace LiveShop.Kernel.Gateway;

/// <summary>Writes one <c>decision_log</c> row for every verdict the pipeline acts on (decision id, policy, facts, input hash, result).</summary>
public sealed class DecisionLog(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Records the verdict and what became of it; returns the decision id.</summary>
    public async Task<Guid> WriteAsync(ActionPacket packet, Verdict verdict, string result, CancellationToken cancellationToken)
    {
        var decisionId = Guid.NewGuid();
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO decision_log (decision_id, action_id, action, policy_version, state_version, input_hash, decision, risk_level, result, created_at,
                                      requested_by, parameters, verdict)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """);
        command.Parameters.Add(new() { Value = decisionId });
        command.Parameters.Add(new() { Value = packet.ActionId });
        command.Parameters.Add(new() { Value = packet.ProposedAction });
        command.Parameters.Add(new() { Value = verdict.Proof.PolicyVersion });
        command.Parameters.Add(new() { Value = verdict.Proof.StateVersion });
        command.Parameters.Add(new() { Value = ActionHashes.DecisionInput(packet, verdict.Proof.StateVersion) });
        command.Parameters.Add(new() { Value = DecisionCode(verdict.Decision) });
        command.Parameters.Add(new() { Value = verdict.RiskLevel.ToString() });
        command.Parameters.Add(new() { Value = result.Length > 2000 ? result[..2000] : result });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        command.Parameters.Add(new() { Value = (object?)packet.RequestedBy ?? DBNull.Value });
        command.Parameters.Add(new() { Value = packet.Parameters.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(verdict, JsonDefaults.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return decisionId;
    }

    /// <summary>
    /// The decisions made in [<paramref name="from"/>, <paramref name="to"/>) for requesters starting with
    /// <paramref name="requesterPrefix"/> (e.g. <c>automation:</c>), oldest first; rows from before requesters were
    /// recorded are not among them.
    /// </summary>
    public async Task<IReadOnlyList<RecordedDecision>> ReadAsync(string requesterPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT decision_id, action_id, action, requested_by, parameters, decision, result, created_at, verdict
            FROM decision_log
            WHERE requested_by LIKE $1 || '%' AND created_at >= $2 AND created_at < $3 AND verdict IS NOT NULL
            ORDER BY created_at, decision_id
            """);
        command.Parameters.Add(new() { Value = requesterPrefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        var decisions = new List<RecordedDecision>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            decisions.Add(new RecordedDecision(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                JsonDocument.Parse(reader.GetString(4)).RootElement.Clone(), reader.GetString(5), reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), JsonSerializer.Deserialize<Verdict>(reader.GetString(8), JsonDefaults.Options)!));
        return decisions;
    }

    /// <summary>
    /// The actions decided in [<paramref name="from"/>, <paramref name="to"/>) and how many of them the verifier let through
    /// (allowed, or sent for approval) rather than denied, each action counted once at its latest verdict.
    /// </summary>
    public async Task<(int Decided, int Passed)> TallyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*), count(*) FILTER (WHERE decision <> 'deny')
            FROM (SELECT DISTINCT ON (action_id) decision FROM decision_log
                  WHERE created_at >= $1 AND created_at < $2 ORDER BY action_id, created_at DESC) latest
            """);
        command.Parameters.Add(new() { Value = from.ToUniversalTime() });
        command.Parameters.Add(new() { Value = to.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>The contract's spelling of a decision.</summary>
    public static string DecisionCode(Decision decision) => decision switch
    {
        Decision.Allow => "allow",
        Decision.RequireApproval => "require_approval",
        _ => "deny",
    };
}

/// <summary>One decision as the log keeps it: the action and its arguments, who asked, the verdict and what became of it.</summary>
public sealed record RecordedDecision(
    Guid DecisionId, string ActionId, string Action, string RequestedBy, JsonElement Parameters, string Decision, string Result,
    DateTimeOffset At, Verdict Verdict);
