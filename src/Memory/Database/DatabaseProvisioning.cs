using LiveShop.Memory.Database.Privileges;
using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>
/// Creating a business database and bringing it to the build's schema with least privilege: created (with pgvector) by
/// the administrator and owned by the owner role, migrated by the owner, then the application role granted exactly what
/// <see cref="ApplicationTableGrants"/> decides. The private cluster, scratch databases and the tests all go this way.
/// </summary>
public static class DatabaseProvisioning
{
    /// <summary>
    /// Creates an empty database <paramref name="name"/> on the server of <paramref name="server"/>: with an administrator,
    /// owned by the owner role and with the pgvector extension (which only a superuser may create); without one (a
    /// configured server), by the owner login itself, which then needs CREATEDB.
    /// </summary>
    public static async Task<DatabaseLogins> CreateAsync(DatabaseLogins server, string name, CancellationToken cancellationToken = default)
    {
        var creator = server.Administrator ?? server.Owner;
        await using (var connection = new NpgsqlConnection(ForDatabase(creator, "postgres")))
        {
            await connection.OpenAsync(cancellationToken);
            var owner = server.Administrator is null ? "" : $" OWNER {SqlText.Identifier(RoleOf(server.Owner))}";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {SqlText.Identifier(name)}{owner}", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new ClusterException($"a new database is needed but the owner login may not create databases ({e.MessageText}); grant it CREATEDB or use the private cluster");
            }
        }
        if (server.Administrator is not null) await CreateExtensionsAsync(ForDatabase(server.Administrator, name), cancellationToken);
        return server.ForDatabase(name);
    }

    /// <summary>
    /// The private cluster's business database, as its administrator sees it: created when missing; a database from
    /// before the owner role existed (every table the superuser's) is handed to the owner role, once.
    /// </summary>
    public static async Task EnsureOwnedAsync(DatabaseLogins server, string name, CancellationToken cancellationToken = default)
    {
        var administrator = server.Administrator ?? throw new ArgumentException("only an administrator can hand a database over", nameof(server));
        var ownerRole = RoleOf(server.Owner);
        await using (var connection = new NpgsqlConnection(ForDatabase(administrator, "postgres")))
        {
            await connection.OpenAsync(cancellationToken);
            await using var read = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $1", connection);
            read.Parameters.Add(new() { Value = name });
            var currentOwner = (string?)await read.ExecuteScalarAsync(cancellationToken);
            if (currentOwner == ownerRole) return;
            if (currentOwner is null)
            {
                await CreateAsync(server, name, cancellationToken);
                return;
            }
        }
        await AdoptAsync(ForDatabase(administrator, name), ownerRole, cancellationToken);
    }

    /// <summary>
    /// Applies the pending migrations as the owner, then grants the application role what each table needs (skipped when
    /// one login does both jobs). <paramref name="application"/> is the data source the caller will use.
    /// </summary>
    public static async Task<DatabaseAccess> MigrateAndGrantAsync(DatabaseLogins logins, NpgsqlDataSource application, CancellationToken cancellationToken = default)
    {
        int applied;
        await using (var owner = LiveShopDataSource.Create(logins.Owner))
        {
            try
            {
                applied = await DatabaseConnection.MigrateAsync(owner, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new ClusterException(
                    $"the database migrations were refused ({e.MessageText}). Migrations run as the owner login (ConnectionStrings:LiveShopOwner, "
                    + "or ConnectionStrings:LiveShop when no owner login is set), which must own the schema; the pgvector extension must be created "
                    + "beforehand by a superuser (CREATE EXTENSION vector). See docs/operations.md.");
            }
            await using var connection = await application.OpenConnectionAsync(cancellationToken);
            var standing = await DatabaseRoles.StandingAsync(connection, cancellationToken);
            if (logins.SingleLogin) return new DatabaseAccess(applied, standing, null);
            var grants = await ApplicationGrants.ApplyAsync(owner, standing.Name, cancellationToken);
            return new DatabaseAccess(applied, standing, grants);
        }
    }

    /// <summary>Drops a database created by <see cref="CreateAsync"/>, closing its connections.</summary>
    public static async Task DropAsync(DatabaseLogins server, string name)
    {
        await using var connection = new NpgsqlConnection(ForDatabase(server.Administrator ?? server.Owner, "postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {SqlText.Identifier(name)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The role a connection string logs in as.</summary>
    public static string RoleOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username
        ?? throw new ArgumentException("the connection string names no user", nameof(connectionString));

    private static async Task CreateExtensionsAsync(string administratorOfDatabase, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(administratorOfDatabase);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS vector", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    // A database migrated by the superuser, before the owner role: the database, its tables (with their indexes and
    // sequences), views, free sequences and functions go to the owner role. Objects of extensions stay where they are.
    private static async Task AdoptAsync(string administratorOfDatabase, string ownerRole, CancellationToken cancellationToken)
    {
        await CreateExtensionsAsync(administratorOfDatabase, cancellationToken);
        await using var connection = new NpgsqlConnection(administratorOfDatabase);
        await connection.OpenAsync(cancellationToken);
        var owner = SqlText.Identifier(ownerRole);
        await using var adopt = new NpgsqlCommand(
            $$"""
            ALTER DATABASE {{SqlText.Identifier(connection.Database)}} OWNER TO {{owner}};
            DO $$
            DECLARE
                item record;
                schema_oid oid := (SELECT oid FROM pg_namespace WHERE nspname = current_schema());
            BEGIN
                FOR item IN
                    SELECT format('ALTER %s %s OWNER TO %s',
                                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                                  c.oid::regclass, {{SqlText.Literal(owner)}}) AS statement
                    FROM pg_class c
                    WHERE c.relnamespace = schema_oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                      AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = {{SqlText.Literal(ownerRole)}})
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
                    UNION ALL
                    SELECT format('ALTER ROUTINE %s OWNER TO %s', p.oid::regprocedure, {{SqlText.Literal(owner)}})
                    FROM pg_proc p
                    WHERE p.pronamespace = schema_oid AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = {{SqlText.Literal(ownerRole)}})
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
                LOOP
                    EXECUTE item.statement;
                END LOOP;
            END
            $$;
            """, connection);
        await adopt.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ForDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = false }.ConnectionString;
}

/// <summary>How a database was prepared for the application: migrations applied and the application login's privileges.</summary>
/// <param name="MigrationsApplied">Migrations applied now.</param>
/// <param name="Application">The role the application connects as, and what more than its grants it may do.</param>
/// <param name="Grants">The grants applied to it; null when one login is both owner and application.</param>
public sealed record DatabaseAccess(int MigrationsApplied, RoleStanding Application, GrantReport? Grants);
