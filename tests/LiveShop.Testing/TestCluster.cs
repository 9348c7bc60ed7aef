using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Testing;

/// <summary>
/// The throwaway PostgreSQL cluster every test suite shares (fsync off, trust on loopback), started once per
/// process; <c>LIVESHOP_TEST_ADMIN_CONNECTION</c> points the tests at another server instead.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<string>> AdminConnection = new(StartAsync);

    /// <summary>Connection string to the cluster's <c>postgres</c> database, as superuser.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => AdminConnection.Value;

    /// <summary>Root of the repository (the folder holding LiveShop.Agents.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("LIVESHOP_TEST_ADMIN_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var cluster = new PrivateCluster(ClusterSettings.For(Path.Combine(RepositoryRoot, ".data"), durable: false, databaseName: "postgres"));
        return await cluster.EnsureStartedAsync();
    }

    /// <summary>Connection string for another database of the same server.</summary>
    public static string ForDatabase(string adminConnectionString, string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveShop.Agents.sln"))) return dir.FullName;
        throw new InvalidOperationException("tests must run inside the LiveShop repository (LiveShop.Agents.sln not found above the test binaries)");
    }
}
