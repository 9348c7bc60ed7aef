using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>
/// A throwaway database on the same server as the business database, migrated and dropped when disposed:
/// benchmarks and what-if runs write there, never into the business's own event store.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private ScratchDatabase(string serverConnectionString, string name, NpgsqlDataSource dataSource)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        DataSource = dataSource;
    }

    /// <summary>Name of the scratch database.</summary>
    public string Name { get; }

    /// <summary>A pgvector-aware data source over the scratch database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates and migrates a scratch database beside the one <paramref name="connectionString"/> names.</summary>
    public static async Task<ScratchDatabase> CreateAsync(string connectionString, string purpose, CancellationToken cancellationToken = default)
    {
        var name = $"liveshop_{purpose}_{Guid.NewGuid():N}"[..Math.Min(63, 24 + purpose.Length)];
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            // The name is generated here (letters, digits, underscores), never taken from input.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new ClusterException($"a scratch database is needed but the configured user may not create databases ({e.MessageText}); grant CREATEDB or use the private cluster");
            }
        }
        var dataSource = LiveShopDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString);
        await DatabaseConnection.MigrateAsync(dataSource, cancellationToken);
        return new ScratchDatabase(server, name, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
