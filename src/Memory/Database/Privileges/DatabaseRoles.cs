using Npgsql;

namespace LiveShop.Memory.Database.Privileges;

/// <summary>What a login may do beyond its grants, as the log and <c>db status</c> describe it.</summary>
/// <param name="Name">Role name.</param>
/// <param name="Superuser">A superuser can switch off triggers and rewrite anything.</param>
/// <param name="OwnedTables">Tables of the schema it owns: an owner can alter, truncate and drop them.</param>
public sealed record RoleStanding(string Name, bool Superuser, int OwnedTables)
{
    /// <summary>True when the role could switch off or rewrite the event store.</summary>
    public bool Privileged => Superuser || OwnedTables > 0;

    /// <summary>One phrase for the log, e.g. "superuser" or "owner of 47 tables" (never a password).</summary>
    public string Describe() =>
        Superuser ? "a superuser: it can switch off the event store's append-only triggers and rewrite any table"
        : OwnedTables > 0 ? $"the owner of {OwnedTables} table(s): it can alter, truncate and drop them, the event store included"
        : "an application role: only the grants each table needs";
}

/// <summary>
/// The two login roles of a private cluster — the owner of the schema (migrations) and the application (the host and the
/// verbs) — created by the cluster's superuser. Neither is a superuser or may create databases, roles or replicate.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>The role that owns the database and its tables and runs the migrations.</summary>
    public const string Owner = "liveshop_owner";

    /// <summary>The role the host and the CLI verbs connect as.</summary>
    public const string Application = "liveshop_app";

    // Role changes are cluster-wide catalog writes; several processes starting at once take turns.
    private const long RolesLockKey = 0x4C53_524F_4C45_5321; // "LSROLES!"

    private const string Attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";

    /// <summary>
    /// Creates the login role when missing (with <paramref name="password"/>; null for a test cluster that trusts
    /// loopback) and takes any extra power from an existing one; sets an existing role's password again only when
    /// <paramref name="resetPassword"/> (its password file is new).
    /// </summary>
    public static async Task EnsureLoginAsync(NpgsqlConnection administrator, string role, string? password, bool resetPassword, CancellationToken cancellationToken)
    {
        await using var transaction = await administrator.BeginTransactionAsync(cancellationToken);
        await using (var lockRoles = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", administrator, transaction))
        {
            lockRoles.Parameters.Add(new() { Value = RolesLockKey });
            await lockRoles.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var read = new NpgsqlCommand(
            "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls OR NOT rolcanlogin FROM pg_roles WHERE rolname = $1",
            administrator, transaction);
        read.Parameters.Add(new() { Value = role });
        var extraPower = (bool?)await read.ExecuteScalarAsync(cancellationToken);

        var identifier = SqlText.Identifier(role);
        // Utility statements take no parameters; generated passwords are [A-Za-z0-9_-] and quoted as a literal anyway.
        var withPassword = password is null ? "" : $" PASSWORD {SqlText.Literal(password)}";
        var newPassword = resetPassword ? withPassword : "";
        string? statement = extraPower switch
        {
            null => $"CREATE ROLE {identifier} {Attributes}{withPassword}",
            true => $"ALTER ROLE {identifier} {Attributes}{newPassword}",
            false when newPassword.Length > 0 => $"ALTER ROLE {identifier}{newPassword}",
            false => null,
        };
        if (statement is not null)
        {
            await using var change = new NpgsqlCommand(statement, administrator, transaction);
            await change.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The standing of the role an open connection runs as, in its current database.</summary>
    public static async Task<RoleStanding> StandingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rolname, r.rolsuper,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')
                      AND c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema()))::int
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("the current user has no role");
        return new RoleStanding(reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2));
    }
}
