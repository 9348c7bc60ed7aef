using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>
/// Finds the business database: a configured connection string wins; otherwise the private, durable
/// cluster under the data directory is created and started on demand.
/// </summary>
public static class DatabaseConnection
{
    /// <summary>The connection string to use, starting the private cluster when none is configured.</summary>
    public static async Task<string> ResolveAsync(DatabaseOptions options, string dataDirectory, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return options.ConnectionString;
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
