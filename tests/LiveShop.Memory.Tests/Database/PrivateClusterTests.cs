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
