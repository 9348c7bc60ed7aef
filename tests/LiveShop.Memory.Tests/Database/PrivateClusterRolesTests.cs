using LiveShop.Memory.Database;
using LiveShop.Memory.Database.Privileges;
using Npgsql;

namespace LiveShop.Memory.Tests.Database;

/// <summary>
/// The private cluster <c>./liveshop</c> starts (durable, password authentication): an owner role for migrations and an
/// application role for the host, their generated passwords in owner-only files of the data directory, and a database
/// from before the roles existed handed over to the owner.
/// </summary>
public sealed class PrivateClusterRolesTests(RunCluster run) : IClassFixture<RunCluster>
{
    private readonly string _state = run.StateDirectory;

    [Fact]
    public async Task The_run_cluster_gives_the_host_an_application_role_and_migrations_an_owner_role()
    {
        var logins = await DatabaseConnection.ResolveAsync(new DatabaseOptions(), _state);

        foreach (var file in new[] { "postgres-password", "postgres-owner-password", "postgres-app-password" })
        {
            var path = Path.Combine(_state, file);
            Assert.True(File.Exists(path), file);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Equal(DatabaseRoles.Application, new NpgsqlConnectionStringBuilder(logins.Application).Username);
        Assert.Equal(DatabaseRoles.Owner, new NpgsqlConnectionStringBuilder(logins.Owner).Username);
        Assert.Equal(File.ReadAllText(Path.Combine(_state, "postgres-app-password")).Trim(), new NpgsqlConnectionStringBuilder(logins.Application).Password);

        await using var application = LiveShopDataSource.Create(logins.Application);
        var access = await DatabaseProvisioning.MigrateAndGrantAsync(logins, application);

        Assert.Equal(new RoleStanding(DatabaseRoles.Application, Superuser: false, OwnedTables: 0), access.Application);
        Assert.Empty(access.Grants!.UndecidedTables);
        await using (var connection = await application.OpenConnectionAsync())
        {
            await using var replica = new NpgsqlCommand("SET session_replication_role = replica", connection);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => replica.ExecuteNonQueryAsync())).SqlState);
        }
        await using (var owner = new NpgsqlConnection(logins.Owner))
        {
            await owner.OpenAsync();
            var standing = await DatabaseRoles.StandingAsync(owner, CancellationToken.None);
            Assert.False(standing.Superuser);
            Assert.True(standing.OwnedTables > 0);
        }
    }

    [Fact]
    public async Task A_database_the_superuser_migrated_before_the_roles_existed_is_handed_to_the_owner()
    {
        var logins = await DatabaseConnection.ResolveAsync(new DatabaseOptions(), _state);
        // Before the roles, the superuser created the database and ran the migrations.
        await ScalarAsync(logins.Administrator!, $"REASSIGN OWNED BY {DatabaseRoles.Owner} TO postgres");
        await using (var administrator = LiveShopDataSource.Create(logins.Administrator!))
            await DatabaseConnection.MigrateAsync(administrator);
        Assert.Equal("postgres", await ScalarAsync(logins.Administrator!, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'business_events'"));

        var again = await DatabaseConnection.ResolveAsync(new DatabaseOptions(), _state);
        await using var application = LiveShopDataSource.Create(again.Application);
        var access = await DatabaseProvisioning.MigrateAndGrantAsync(again, application);

        Assert.Equal(0, access.MigrationsApplied);
        Assert.Equal(DatabaseRoles.Owner, await ScalarAsync(again.Administrator!, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'liveshop'"));
        Assert.Equal(0L, await ScalarAsync(again.Administrator!,
            $"SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'v') AND pg_get_userbyid(relowner) <> '{DatabaseRoles.Owner}' AND relname <> ALL(ARRAY(SELECT objid::regclass::text FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_class'::regclass))"));
        Assert.Equal(DatabaseRoles.Owner, await ScalarAsync(again.Administrator!, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'refuse_append_only_change'"));
        await using var insert = application.CreateCommand("SELECT count(*) FROM business_events");
        Assert.Equal(0L, await insert.ExecuteScalarAsync());
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>A durable private cluster of its own (as <c>./liveshop</c> runs it) under a temporary data directory.</summary>
public sealed class RunCluster : IAsyncLifetime
{
    /// <summary>The temporary data directory (passwords, port).</summary>
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("liveshop-roles-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var cluster = new PrivateCluster(DatabaseConnection.ClusterFor(new DatabaseOptions(), StateDirectory));
        await cluster.StopAsync();
        var directory = cluster.Settings.ClusterDirectory;
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        File.Delete(directory.TrimEnd('/') + ".log");
        Directory.Delete(StateDirectory, recursive: true);
    }
}
