using LiveShop.Memory.Database;
using Microsoft.Extensions.Options;

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

    /// <summary>Product options as the host binds and validates them (<see cref="AddLiveShopOptions"/>), for code that runs before the host exists.</summary>
    public static LiveShopOptions GetLiveShopOptions(this IConfiguration configuration) =>
        configuration.ReadOptions<LiveShopOptions>(services => services.AddLiveShopOptions(configuration));

    /// <summary>Binds <c>LiveShop</c> (the data directory made absolute) and validates it at start.</summary>
    public static IServiceCollection AddLiveShopOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveShopOptions>()
            .Bind(configuration.GetSection(LiveShopOptions.Section))
            .PostConfigure(o => o.DataDirectory = Path.GetFullPath(o.DataDirectory))
            .Validate(o => o.SandboxDays is >= 1 and <= LiveShopOptions.MaxSandboxDays,
                $"{LiveShopOptions.Section}:{nameof(LiveShopOptions.SandboxDays)} must be between 1 and {LiveShopOptions.MaxSandboxDays}")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Options of type <typeparamref name="T"/> bound and validated exactly as <paramref name="register"/> registers them for
    /// the host, for a verb's checks before the host exists; an invalid value throws <see cref="OptionsValidationException"/>.
    /// </summary>
    public static T ReadOptions<T>(this IConfiguration configuration, Func<IServiceCollection, IServiceCollection> register) where T : class
    {
        using var services = register(new ServiceCollection()).BuildServiceProvider();
        return services.GetRequiredService<IOptions<T>>().Value;
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
