using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Opens the business database for the host or a verb: resolve (start the private cluster), migrate.</summary>
public static class DatabaseBootstrap
{
    /// <summary>A migrated data source over the configured or private database.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(IConfiguration configuration, TextWriter log, CancellationToken cancellationToken)
    {
        var liveShop = configuration.GetLiveShopOptions();
        var connectionString = await DatabaseConnection.ResolveAsync(configuration.GetDatabaseOptions(), liveShop.DataDirectory, cancellationToken);
        var dataSource = LiveShopDataSource.Create(connectionString);
        var applied = await DatabaseConnection.MigrateAsync(dataSource, cancellationToken);
        if (applied > 0) log.WriteLine($"applied {applied} database migration(s)");
        return dataSource;
    }
}
