using LiveShop.Memory.Database;

namespace LiveShop.Chat.Hosting;

/// <summary>Reads configuration the same way for the web host and for CLI verbs.</summary>
public static class LiveShopConfiguration
{
    /// <summary>appsettings.json (next to the binaries), then the environment (<c>LiveShop__DataDirectory</c>, …).</summary>
    public static IConfiguration Build() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>Product options bound from configuration.</summary>
    public static LiveShopOptions GetLiveShopOptions(this IConfiguration configuration)
    {
        var options = new LiveShopOptions();
        configuration.GetSection(LiveShopOptions.Section).Bind(options);
        options.DataDirectory = Path.GetFullPath(options.DataDirectory);
        return options;
    }

    /// <summary>Database options: <c>ConnectionStrings:LiveShop</c> (application login), <c>ConnectionStrings:LiveShopOwner</c> (owner login) plus the <c>Database</c> section.</summary>
    public static DatabaseOptions GetDatabaseOptions(this IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(options);
        options.ConnectionString = configuration.GetConnectionString("LiveShop") ?? options.ConnectionString;
        options.OwnerConnectionString = configuration.GetConnectionString("LiveShopOwner") ?? options.OwnerConnectionString;
        return options;
    }
}
