using Npgsql;

namespace LiveShop.Memory.Database.Privileges;

/// <summary>What applying the grants found and changed.</summary>
/// <param name="ApplicationRole">The role granted to.</param>
/// <param name="RelationsChanged">Tables and sequences whose grants were rewritten (0 when all were already right).</param>
/// <param name="UndecidedTables">Tables with no decision in <see cref="ApplicationTableGrants"/>: granted nothing.</param>
public sealed record GrantReport(string ApplicationRole, int RelationsChanged, IReadOnlyList<string> UndecidedTables);

/// <summary>
/// Brings the application role's privileges on every table and sequence of the schema to exactly what
/// <see cref="ApplicationTableGrants"/> decides, run by the owner after the migrations. Idempotent and cheap when nothing
/// changed (one catalog read); a table a later migration adds gets its decided grants on the next start, or none when
/// nobody decided.
/// </summary>
public static class ApplicationGrants
{
    // Two hosts starting together would otherwise race on the same catalog rows ("tuple concurrently updated").
    private const long GrantsLockKey = 0x4C53_4752_414E_5453; // "LSGRANTS"

    private sealed record Relation(string Name, char Kind, string? OwningTable, HashSet<string> Granted);

    /// <summary>Applies the decisions to <paramref name="applicationRole"/> over a connection of the schema's owner.</summary>
    public static async Task<GrantReport> ApplyAsync(NpgsqlDataSource owner, string applicationRole, CancellationToken cancellationToken = default)
    {
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        var undecided = new List<string>();
        if (Differences(await ReadAsync(connection, null, applicationRole, cancellationToken), undecided).Count == 0)
            return new GrantReport(applicationRole, 0, undecided);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockGrants = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockGrants.Parameters.Add(new() { Value = GrantsLockKey });
            await lockGrants.ExecuteNonQueryAsync(cancellationToken);
        }
        undecided.Clear();
        var changes = Differences(await ReadAsync(connection, transaction, applicationRole, cancellationToken), undecided);
        var role = SqlText.Identifier(applicationRole);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (relation, wanted) in changes)
        {
            var target = $"{(relation.Kind == 'S' ? "SEQUENCE" : "TABLE")} {SqlText.Identifier(relation.Name)}";
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"REVOKE ALL ON {target} FROM {role}"));
            if (wanted.Count > 0) batch.BatchCommands.Add(new NpgsqlBatchCommand($"GRANT {string.Join(", ", wanted.Order())} ON {target} TO {role}"));
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new GrantReport(applicationRole, changes.Count, undecided);
    }

    /// <summary>The privileges the decisions give a relation (a table, or a sequence through the table owning it).</summary>
    private static HashSet<string> Wanted(Relation relation, List<string> undecided)
    {
        if (relation.Kind == 'S')
        {
            var table = relation.OwningTable is null ? null : ApplicationTableGrants.For(relation.OwningTable);
            if (table is null || !table.Privileges.HasFlag(TablePrivileges.Insert)) return [];
            return table.MovesIdentity ? ["USAGE", "UPDATE"] : ["USAGE"];
        }
        var decision = ApplicationTableGrants.For(relation.Name);
        if (decision is null)
        {
            undecided.Add(relation.Name);
            return [];
        }
        var privileges = new HashSet<string>();
        if (decision.Privileges.HasFlag(TablePrivileges.Select)) privileges.Add("SELECT");
        if (decision.Privileges.HasFlag(TablePrivileges.Insert)) privileges.Add("INSERT");
        if (decision.Privileges.HasFlag(TablePrivileges.Update)) privileges.Add("UPDATE");
        if (decision.Privileges.HasFlag(TablePrivileges.Delete)) privileges.Add("DELETE");
        return privileges;
    }

    private static List<(Relation Relation, HashSet<string> Wanted)> Differences(IEnumerable<Relation> relations, List<string> undecided) =>
        relations.Select(r => (Relation: r, Wanted: Wanted(r, undecided))).Where(d => !d.Wanted.SetEquals(d.Relation.Granted)).ToList();

    private static async Task<List<Relation>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string role, CancellationToken cancellationToken)
    {
        // Every table, view and sequence of the schema the migrations write to, with what the role holds on it; a
        // sequence also names the table whose column owns it (serial or identity).
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, c.relkind::text,
                   (SELECT t.relname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                    WHERE c.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1),
                   ARRAY(SELECT a.privilege_type FROM aclexplode(c.relacl) a
                         WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1))
            FROM pg_class c
            WHERE c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema())
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            ORDER BY c.relname
            """, connection, transaction);
        command.Parameters.Add(new() { Value = role });
        var relations = new List<Relation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            relations.Add(new Relation(reader.GetString(0), reader.GetString(1)[0], reader.IsDBNull(2) ? null : reader.GetString(2),
                [.. reader.GetFieldValue<string[]>(3)]));
        return relations;
    }
}
