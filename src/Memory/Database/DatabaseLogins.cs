using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>
/// The logins of one business database, one per job: the owner role runs migrations (and owns every table); the
/// application role is what the host and the CLI verbs connect as, holding only the grants of
/// <see cref="Privileges.ApplicationTableGrants"/>. Nothing the application does needs the owner, so its credentials
/// never reach the running host's connections.
/// </summary>
public sealed record DatabaseLogins
{
    /// <summary>Connection string of the application role: the host's and the verbs' every connection.</summary>
    public required string Application { get; init; }

    /// <summary>Connection string of the owner role: migrations and the grants they need.</summary>
    public required string Owner { get; init; }

    /// <summary>
    /// Connection string of a superuser, known only for the private cluster: the one-time set-up (roles, databases,
    /// the pgvector extension). Null for a configured server, where the operator did that set-up.
    /// </summary>
    public string? Administrator { get; init; }

    /// <summary>True when one connection string serves as both owner and application (a configured server with no owner login).</summary>
    public bool SingleLogin => Application == Owner;

    /// <summary>The same logins, each pointed at another database of the same server.</summary>
    public DatabaseLogins ForDatabase(string database) => new()
    {
        Application = WithDatabase(Application, database),
        Owner = WithDatabase(Owner, database),
        Administrator = Administrator is null ? null : WithDatabase(Administrator, database),
    };

    /// <summary>One login for both jobs: a configured server that names no owner login.</summary>
    public static DatabaseLogins Single(string connectionString) => new() { Application = connectionString, Owner = connectionString };

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
}
