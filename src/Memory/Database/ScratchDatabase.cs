using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>
/// A throwaway database on the same server as the business database, migrated and dropped when disposed:
/// benchmarks and what-if runs write there, never into the business's own event store. It is set up like the business
/// database (owner role, application role with its grants), so what runs there runs with the same privileges.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly DatabaseLogins _server;

    private ScratchDatabase(DatabaseLogins server, string name, DatabaseLogins logins, NpgsqlDataSource dataSource, NpgsqlDataSource ownerDataSource)
    {
        _server = server;
        Name = name;
        Logins = logins;
        DataSource = dataSource;
        OwnerDataSource = ownerDataSource;
    }

    /// <summary>Name of the scratch database.</summary>
    public string Name { get; }

    /// <summary>The scratch database's logins (to start a host on it).</summary>
    public DatabaseLogins Logins { get; }

    /// <summary>A pgvector-aware data source over the scratch database, as the application role.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The same database as its owner: for benchmarks that create measurement tables of their own (copies of the event
    /// table, a vector index), which the application role may not.
    /// </summary>
    public NpgsqlDataSource OwnerDataSource { get; }

    /// <summary>Creates and migrates a scratch database beside the one <paramref name="server"/> names.</summary>
    public static async Task<ScratchDatabase> CreateAsync(DatabaseLogins server, string purpose, CancellationToken cancellationToken = default)
    {
        // The name is generated here (letters, digits, underscores), never taken from input.
        var name = $"liveshop_{purpose}_{Guid.NewGuid():N}"[..Math.Min(63, 24 + purpose.Length)];
        var logins = await DatabaseProvisioning.CreateAsync(server, name, cancellationToken);
        var dataSource = LiveShopDataSource.Create(logins.Application);
        try
        {
            await DatabaseProvisioning.MigrateAndGrantAsync(logins, dataSource, cancellationToken);
        }
        catch
        {
            await dataSource.DisposeAsync();
            await DatabaseProvisioning.DropAsync(server, name);
            throw;
        }
        return new ScratchDatabase(server, name, logins, dataSource, LiveShopDataSource.Create(logins.Owner));
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await OwnerDataSource.DisposeAsync();
        await DatabaseProvisioning.DropAsync(_server, Name);
    }
}
