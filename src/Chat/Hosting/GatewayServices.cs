using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Integrations.Routing;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Registers the action pipeline: policy, proof signer, approval gate, tool gateway, decision log, integrations and executors.</summary>
public static class GatewayServices
{
    /// <summary>Adds verification (the policy in force, this installation's proof signer, live facts, the verifier) and the pipeline.</summary>
    public static IServiceCollection AddActionGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => VerificationSetup.LoadPolicy(configuration));
        services.AddSingleton(sp => VerificationSetup.CreateSigner(configuration, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFactsProvider>(sp => new DatabaseFactsProvider(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<BusinessPolicy>()));
        services.AddSingleton(sp => new Verifier(sp.GetRequiredService<BusinessPolicy>()));
        services.TryAddSingleton(sp => new EventStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(configuration.GetSection(ApprovalOptions.Section).Get<ApprovalOptions>() ?? new ApprovalOptions());
        services.AddSingleton<PlatformEvents>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApprovalGate>();
        services.AddSingleton<DecisionLog>();
        services.AddSingleton<SandboxBusiness>();
        // Integrations:* is validated here (a misconfigured integration stops the host); live connectors register themselves.
        services.AddIntegrations(configuration);
        // Executors of actions outside the sandbox business (e.g. remember, connect_integration) are registered as
        // IActionExecutor; an action with live connectors is routed to them and falls back to its sandbox executor only
        // for packets no live account claims.
        services.AddSingleton(sp => new ExecutorRegistry(LiveRoutingExecutor.Wrap(
            [.. SandboxExecutors.Create(sp.GetRequiredService<SandboxBusiness>()), .. sp.GetServices<IActionExecutor>()],
            sp.GetServices<ILiveActionConnector>(), sp.GetRequiredService<IntegrationConnections>())));
        services.AddSingleton<ToolGateway>();
        services.AddSingleton<ActionPipeline>();
        services.AddSingleton<IActionPipeline>(sp => sp.GetRequiredService<ActionPipeline>());
        return services;
    }

    /// <summary>A service provider with only what CLI verbs need to run the pipeline over one database.</summary>
    public static ServiceProvider BuildForCli(NpgsqlDataSource dataSource, IConfiguration configuration) =>
        new ServiceCollection().AddSingleton(dataSource).AddActionGateway(configuration).AddKnowledgeAndMemory(configuration).BuildServiceProvider();
}
