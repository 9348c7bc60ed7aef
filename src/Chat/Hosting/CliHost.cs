using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// What a CLI verb runs on: the shared graph of <see cref="LiveShopComposition"/> over the business database, started the
/// way the web host starts (options validated before anything is written, then the database migrated and granted).
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private CliHost(NpgsqlDataSource dataSource, ServiceProvider services)
    {
        DataSource = dataSource;
        Services = services;
    }

    /// <summary>The business database, as the application role.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The shared services over <see cref="DataSource"/>.</summary>
    public ServiceProvider Services { get; }

    /// <summary>
    /// Resolves the configured or private database, builds the graph and validates its options (throwing
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>), then migrates; problems of the database go to <paramref name="log"/>.
    /// </summary>
    public static async Task<CliHost> OpenAsync(IConfiguration configuration, TextWriter log, CancellationToken cancellationToken,
        Action<IServiceCollection>? overrides = null)
    {
        var logins = await DatabaseBootstrap.ResolveLoginsAsync(configuration, cancellationToken);
        var dataSource = LiveShopDataSource.Create(logins.Application);
        ServiceProvider? services = null;
        try
        {
            services = LiveShopComposition.BuildForCli(dataSource, configuration, overrides);
            await DatabaseBootstrap.MigrateAsync(logins, dataSource, log, cancellationToken);
            return new CliHost(dataSource, services);
        }
        catch
        {
            if (services is not null) await services.DisposeAsync();
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
