using LiveShop.Memory;
using LiveShop.Plugins;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// The one service graph of LiveShop over one database: what the web host and every CLI verb share. The web host adds
/// its surfaces (console, sign-in, messaging, background workers) on top; a verb uses it as it is.
/// </summary>
public static class LiveShopComposition
{
    /// <summary>
    /// Registers the shared graph, each service once: Memory (the database, the clock, events, knowledge and memory), the
    /// action pipeline, Plugins (sandbox business, integrations, executors, plugins), the host's knowledge uploads and the
    /// agents (personas, kernel factory, chat model, chat turns).
    /// </summary>
    public static IServiceCollection AddLiveShopCore(this IServiceCollection services, IConfiguration configuration, NpgsqlDataSource dataSource)
    {
        services.AddLiveShopOptions(configuration);
        services.AddLiveShopMemory(dataSource, _ => KnowledgeServices.CreateEmbedder(configuration));
        services.AddMetricsStore();
        services.AddKernelForHost(configuration);
        services.AddSchedulerOptions(configuration);
        services.AddLiveShopPlugins(configuration);
        services.AddKnowledgeAndMemory(configuration);
        services.AddChatModel(configuration);
        return services;
    }

    /// <summary>
    /// The shared graph for a CLI verb (the configuration it was given, warnings logged to stderr), its options validated
    /// as the web host validates them at start: an invalid value throws <see cref="OptionsValidationException"/>.
    /// </summary>
    public static ServiceProvider BuildForCli(NpgsqlDataSource dataSource, IConfiguration configuration, Action<IServiceCollection>? overrides = null)
    {
        var registrations = CliServices(dataSource, configuration);
        // Applied after every registration, as the web host applies its overrides (simulate's clock, for one).
        overrides?.Invoke(registrations);
        var services = registrations.BuildServiceProvider();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return services;
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>The registrations behind <see cref="BuildForCli"/>.</summary>
    internal static IServiceCollection CliServices(NpgsqlDataSource dataSource, IConfiguration configuration) =>
        new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddSingleton(configuration)
            .AddLiveShopCore(configuration, dataSource);
}
