using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Opens the business database for the host or a verb: resolve (start the private cluster), migrate.</summary>
public static class DatabaseBootstrap
{
    /// <summary>The connection string of the configured or private database (starting the private cluster).</summary>
    public static Task<string> ResolveConnectionStringAsync(IConfiguration configuration, CancellationToken cancellationToken) =>
        DatabaseConnection.ResolveAsync(configuration.GetDatabaseOptions(), configuration.GetLiveShopOptions().DataDirectory, cancellationToken);

    /// <summary>A migrated data source over the configured or private database.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(IConfiguration configuration, TextWriter log, CancellationToken cancellationToken)
    {
        var connectionString = await ResolveConnectionStringAsync(configuration, cancellationToken);
        var dataSource = LiveShopDataSource.Create(connectionString);
        var applied = await DatabaseConnection.MigrateAsync(dataSource, cancellationToken);
        if (applied > 0) log.WriteLine($"applied {applied} database migration(s)");
        return dataSource;
    }
}
