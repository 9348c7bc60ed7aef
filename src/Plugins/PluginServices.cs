using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Plugins.Functions;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Integrations.Routing;
using LiveShop.Plugins.Memory;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Routines;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Plugins.Sandbox.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins;

/// <summary>How the Plugins layer registers itself; the host composes it with Memory and the Kernel.</summary>
public static class PluginServices
{
    /// <summary>
    /// Registers the sandbox business, the integrations (validated at start; live connectors when configured), the memory
    /// plugin and the remember executor, the executors every action runs through, and the product's plugins.
    /// </summary>
    public static IServiceCollection AddLiveShopPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BusinessUnitOfWork>();
        // The sandbox business's live simulation: the serving host's ticker and simulate both play it.
        services.AddSingleton(sp => new LiveSimulation(sp.GetRequiredService<IDbContextFactory<LiveShopDbContext>>().CreateDbContext,
            sp.GetRequiredService<EventStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddIntegrations(configuration);
        services.AddSingleton<MemoryPlugin>();
        services.AddSingleton<IActionExecutor, RememberExecutor>();
        // Executors of actions outside the sandbox business (memories, integration connections, policy changes) are registered
        // as IActionExecutor; an action with live connectors is routed to them and falls back to its sandbox executor only
        // for packets no live account claims.
        services.AddSingleton(sp => new ExecutorRegistry(LiveRoutingExecutor.Wrap(
            [.. SandboxExecutors.Create(sp.GetRequiredService<BusinessUnitOfWork>()), .. sp.GetServices<IActionExecutor>()],
            sp.GetServices<ILiveActionConnector>(), sp.GetRequiredService<IntegrationConnections>())));
        services.AddProductPlugins();
        services.AddRoutineJobs();
        return services;
    }
}
