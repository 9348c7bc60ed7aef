using LiveShop.Memory.Database;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Database;

public sealed class PrivateClusterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Test_cluster_serves_pgvector_on_loopback()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'", connection);
        var version = (string?)await command.ExecuteScalarAsync();
        Assert.StartsWith("0.8", version);
        Assert.Equal("127.0.0.1", new NpgsqlConnectionStringBuilder(database.ConnectionString).Host);
    }
}

public sealed class PrivateClusterRecoveryTests
{
    [Fact]
    public async Task A_running_cluster_is_found_again_when_the_remembered_port_is_lost()
    {
        var state = Directory.CreateTempSubdirectory("liveshop-cluster-").FullName;
        var cluster = new PrivateCluster(ClusterSettings.For(state, durable: false, databaseName: "postgres"));
        try
        {
            var first = await cluster.EnsureStartedAsync();
            // A new checkout of the same path has no .data, but the server from before still runs.
            foreach (var file in Directory.GetFiles(state, "postgres-test-port")) File.Delete(file);

            var again = await cluster.EnsureStartedAsync();

            Assert.Equal(new NpgsqlConnectionStringBuilder(first.Application).Port, new NpgsqlConnectionStringBuilder(again.Application).Port);
            await using var connection = new NpgsqlConnection(again.Application);
            await connection.OpenAsync();
        }
        finally
        {
            await cluster.StopAsync();
            var directory = cluster.Settings.ClusterDirectory;
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            File.Delete(directory.TrimEnd('/') + ".log");
            Directory.Delete(state, recursive: true);
        }
    }
}
