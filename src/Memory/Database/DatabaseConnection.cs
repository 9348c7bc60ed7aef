using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>
/// Finds the business database: configured connection strings win; otherwise the private, durable
/// cluster under the data directory is created and started on demand.
/// </summary>
public static class DatabaseConnection
{
    /// <summary>The logins to use, starting the private cluster when no connection string is configured.</summary>
    public static async Task<DatabaseLogins> ResolveAsync(DatabaseOptions options, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var owner = string.IsNullOrWhiteSpace(options.OwnerConnectionString) ? null : options.OwnerConnectionString;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            return owner is null ? DatabaseLogins.Single(options.ConnectionString) : new DatabaseLogins { Application = options.ConnectionString, Owner = owner };
        if (owner is not null)
            throw new ClusterException("ConnectionStrings:LiveShopOwner is set but ConnectionStrings:LiveShop is not: give the application login too, or neither to use the private cluster");
        var cluster = new PrivateCluster(ClusterFor(options, dataDirectory));
        return await cluster.EnsureStartedAsync(cancellationToken);
    }

    /// <summary>The private run cluster for a data directory, as configured.</summary>
    public static ClusterSettings ClusterFor(DatabaseOptions options, string dataDirectory) =>
        ClusterSettings.For(dataDirectory, durable: true, options.ClusterDirectory, options.Port, options.DatabaseName);

    /// <summary>Applies every pending migration; returns how many were applied.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0) await context.Database.MigrateAsync(cancellationToken);
        // Types created by a migration (vector) are unknown to connections opened before it ran.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ReloadTypesAsync(cancellationToken);
        return pending;
    }
}
