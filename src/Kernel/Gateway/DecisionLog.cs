using LiveShop.Kernel.Verification;
using Npgsql;

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
            INSERT INTO decision_log (decision_id, action_id, action, policy_version, state_version, input_hash, decision, risk_level, result, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
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
        await command.ExecuteNonQueryAsync(cancellationToken);
        return decisionId;
    }

    /// <summary>The contract's spelling of a decision.</summary>
    public static string DecisionCode(Decision decision) => decision switch
    {
        Decision.Allow => "allow",
        Decision.RequireApproval => "require_approval",
        _ => "deny",
    };
}
