using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Opens the business database for the host or a verb: resolve (start the private cluster), migrate as the owner, grant
/// the application role, and hand back a data source of the application role.
/// </summary>
public static class DatabaseBootstrap
{
    /// <summary>The logins of the configured or private database (starting the private cluster).</summary>
    public static Task<DatabaseLogins> ResolveLoginsAsync(IConfiguration configuration, CancellationToken cancellationToken) =>
        DatabaseConnection.ResolveAsync(configuration.GetDatabaseOptions(), configuration.GetLiveShopOptions().DataDirectory, cancellationToken);

    /// <summary>A migrated scratch database beside the business database (same roles and grants), dropped when disposed.</summary>
    public static async Task<ScratchDatabase> OpenScratchAsync(IConfiguration configuration, string purpose, CancellationToken cancellationToken) =>
        await ScratchDatabase.CreateAsync(await ResolveLoginsAsync(configuration, cancellationToken), purpose, cancellationToken);

    /// <summary>A migrated data source, as the application role, over the configured or private database.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(IConfiguration configuration, TextWriter log, CancellationToken cancellationToken) =>
        await OpenAsync(await ResolveLoginsAsync(configuration, cancellationToken), log, cancellationToken);

    /// <summary>A migrated data source, as the application role, over the database of <paramref name="logins"/>.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(DatabaseLogins logins, TextWriter log, CancellationToken cancellationToken)
    {
        var dataSource = LiveShopDataSource.Create(logins.Application);
        try
        {
            await MigrateAsync(logins, dataSource, log, cancellationToken);
            return dataSource;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Migrates the database of <paramref name="logins"/> as the owner and grants the application role; reports problems to <paramref name="log"/>.</summary>
    public static async Task MigrateAsync(DatabaseLogins logins, NpgsqlDataSource dataSource, TextWriter log, CancellationToken cancellationToken) =>
        Report(await DatabaseProvisioning.MigrateAndGrantAsync(logins, dataSource, cancellationToken), log);

    // Quiet when all is as it should be; otherwise one line each, naming roles and settings, never a password.
    private static void Report(DatabaseAccess access, TextWriter log)
    {
        if (access.MigrationsApplied > 0) log.WriteLine($"applied {access.MigrationsApplied} database migration(s)");
        var role = access.Application;
        if (access.Grants is not { } grants)
        {
            log.WriteLine($"database: ConnectionStrings:LiveShopOwner is not set, so migrations and the application both connect as '{role.Name}', "
                + $"{role.Describe()}. "
                + (role.Privileged
                    ? "For least privilege give the owner login as ConnectionStrings:LiveShopOwner and an application role as ConnectionStrings:LiveShop (docs/operations.md)."
                    : "New migrations and grants need the owner login (ConnectionStrings:LiveShopOwner, e.g. for `./liveshop db start`)."));
            return;
        }
        if (grants.RelationsChanged > 0)
            log.WriteLine($"database: granted the application role '{role.Name}' what each table needs ({grants.RelationsChanged} table(s) and sequence(s) updated)");
        if (grants.UndecidedTables.Count > 0)
            log.WriteLine($"warning: no grant decision for table(s) {string.Join(", ", grants.UndecidedTables)}: the application role may not use them "
                + "(decide in ApplicationTableGrants)");
        if (role.Privileged)
            log.WriteLine($"warning: the application login '{role.Name}' (ConnectionStrings:LiveShop) is {role.Describe()}; give it a role of its own (docs/operations.md)");
    }
}
