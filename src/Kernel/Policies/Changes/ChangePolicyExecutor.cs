using System.Text.Json;
using System.Text.Json.Nodes;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Kernel.Policies.Changes;

/// <summary>
/// <see cref="ChangePolicyAction"/>: stores the changed policy as the newest row of <c>policy_versions</c> with a <c>PolicyChanged</c>
/// event (one transaction), then puts it in force on this host; proofs issued under the old version stop passing the
/// gateway. Undone by changing the same settings back (or restoring the whole previous document).
/// </summary>
public sealed class ChangePolicyExecutor(NpgsqlDataSource dataSource, EventStore events, PolicyInForce policies, TimeProvider time) : IActionExecutor
{
    private const long PolicyChangeLockKey = 0x4C53_504F_4C49_4359; // "LSPOLICY"

    /// <inheritdoc />
    public string Action => ChangePolicyAction.ActionName;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ExecutionReceipts.LockAndFindAsync(transaction, packet.ActionId, cancellationToken) is { } applied)
        {
            await policies.RefreshAsync(cancellationToken);
            return applied;
        }

        // One change at a time across hosts, each applied to the version the previous one adopted.
        await using (var lockChanges = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockChanges.Parameters.Add(new() { Value = PolicyChangeLockKey });
            await lockChanges.ExecuteNonQueryAsync(cancellationToken);
        }
        await policies.RefreshAsync(cancellationToken);
        var current = policies.Current;
        var proposed = PolicyChangeProposal.Apply(current, packet.Parameters);
        if (proposed.Error is { } error) throw new InvalidOperationException($"the policy was not changed: {error}");
        var policy = proposed.Policy!;
        var by = packet.OnBehalfOf ?? packet.RequestedBy ?? "unknown";
        ActionParameters.TryGetText(packet.Parameters, "reason", out var reason);
        var now = time.GetUtcNow();

        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO policy_versions (version, yaml, previous_version, action_id, adopted_by, adopted_at)
            VALUES ($1, $2, $3, $4, $5, greatest($6, (SELECT max(adopted_at) + interval '1 millisecond' FROM policy_versions)))
            ON CONFLICT (version) DO UPDATE SET yaml = excluded.yaml, previous_version = excluded.previous_version,
                action_id = excluded.action_id, adopted_by = excluded.adopted_by, adopted_at = excluded.adopted_at
            """, connection, transaction))
        {
            // A version adopted again (an undo) moves to the top; the events keep every adoption.
            upsert.Parameters.Add(new() { Value = policy.Version });
            upsert.Parameters.Add(new() { Value = proposed.Yaml! });
            upsert.Parameters.Add(new() { Value = current.Version });
            upsert.Parameters.Add(new() { Value = packet.ActionId });
            upsert.Parameters.Add(new() { Value = by });
            upsert.Parameters.Add(new() { Value = now });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        var changes = proposed.Changes.Select(c => new { c.Path, c.From, c.To }).ToList();
        var result = new ExecutionResult
        {
            ConnectorReference = $"policy:{policy.Version}",
            Summary = $"policy {current.Version[..12]} → {policy.Version[..12]}: " +
                string.Join(", ", proposed.Changes.Select(c => $"{c.Path} {c.From.GetRawText()} → {c.To.GetRawText()}")),
            Details = JsonSerializer.SerializeToElement(new { Version = policy.Version, PreviousVersion = current.Version, Changes = changes }, JsonDefaults.Options),
            Inverse = new ActionInverse(ChangePolicyAction.ActionName, Inverse(packet, current, proposed)),
        };
        await events.AppendAsync(
        [
            new NewEvent(ActionHashes.StableId($"{packet.ActionId}:PolicyChanged"), "PolicyChanged", now, PlatformEvents.Source,
                JsonSerializer.SerializeToElement(new
                {
                    policy.Version, PreviousVersion = current.Version, packet.ActionId, AdoptedBy = by, Changes = changes,
                    Reason = string.IsNullOrWhiteSpace(reason) ? null : reason,
                }, JsonDefaults.Options)),
            ExecutionReceipts.Receipt(packet.ActionId, result, now, PlatformEvents.Source),
        ], transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        policies.Adopt(policy);
        return result;
    }

    // Dotted changes are undone by setting the same paths back; a whole document by restoring the whole previous one.
    private static JsonElement Inverse(ActionPacket packet, BusinessPolicy previous, ProposedPolicy proposed)
    {
        var reason = $"undo of policy change {packet.ActionId}";
        if (ActionParameters.Has(packet.Parameters, "policy_yaml"))
            return JsonSerializer.SerializeToElement(new { PolicyYaml = PolicyDocument.ToYaml(previous), Reason = reason }, JsonDefaults.Options);
        var back = new JsonObject();
        foreach (var change in proposed.Changes) back[change.Path] = JsonNode.Parse(change.From.GetRawText());
        return JsonSerializer.SerializeToElement(new JsonObject { ["changes"] = back, ["reason"] = reason });
    }
}
