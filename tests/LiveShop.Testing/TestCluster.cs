using LiveShop.Memory.Database;
using LiveShop.Memory.Database.Privileges;
using Npgsql;

namespace LiveShop.Testing;

/// <summary>
/// The throwaway PostgreSQL cluster every test suite shares (fsync off, trust on loopback), started once per
/// process, with the same owner and application roles as the private cluster; <c>LIVESHOP_TEST_ADMIN_CONNECTION</c>
/// (a superuser) points the tests at another server instead, where the roles are created the same way.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<DatabaseLogins>> Server = new(StartAsync);

    /// <summary>The cluster's logins (administrator, owner, application) on its <c>postgres</c> database.</summary>
    public static Task<DatabaseLogins> GetServerLoginsAsync() => Server.Value;

    private const string TestRolePassword = "liveshop-test-role";

    /// <summary>Root of the repository (the folder holding LiveShop.Agents.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static async Task<DatabaseLogins> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("LIVESHOP_TEST_ADMIN_CONNECTION");
        if (string.IsNullOrWhiteSpace(configured))
        {
            var cluster = new PrivateCluster(ClusterSettings.For(Path.Combine(RepositoryRoot, ".data"), durable: false, databaseName: "postgres"));
            return await cluster.EnsureStartedAsync();
        }
        // Another server: the tests' roles get a fixed password (they hold nothing but throwaway test databases), the same
        // in every test process, so processes starting together do not lock each other out.
        await using (var administrator = new NpgsqlConnection(configured))
        {
            await administrator.OpenAsync();
            foreach (var role in new[] { DatabaseRoles.Owner, DatabaseRoles.Application })
                await DatabaseRoles.EnsureLoginAsync(administrator, role, TestRolePassword, resetPassword: true, CancellationToken.None);
        }
        return new DatabaseLogins
        {
            Administrator = configured,
            Owner = new NpgsqlConnectionStringBuilder(configured) { Username = DatabaseRoles.Owner, Password = TestRolePassword }.ConnectionString,
            Application = new NpgsqlConnectionStringBuilder(configured) { Username = DatabaseRoles.Application, Password = TestRolePassword }.ConnectionString,
        };
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveShop.Agents.sln"))) return dir.FullName;
        throw new InvalidOperationException("tests must run inside the LiveShop repository (LiveShop.Agents.sln not found above the test binaries)");
    }
}
