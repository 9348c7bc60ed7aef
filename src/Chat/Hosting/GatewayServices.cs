using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Accounts;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Integrations.Routing;
using LiveShop.Plugins.Sandbox.Actions;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Registers the action pipeline: policy, proof signer, approval gate, tool gateway, decision log, integrations and executors.</summary>
public static class GatewayServices
{
    /// <summary>Configuration key of the gateway's claim lease (a TimeSpan, default 00:05:00): how long before a crashed execution is re-claimed.</summary>
    public const string ClaimLeaseKey = "Gateway:ClaimLease";

    /// <summary>
    /// Configuration key of how long an action waits for another action on the same order, customer, ad set, product or
    /// cash to finish (a TimeSpan, default 00:00:30) before it is answered "not executed, submit it again".
    /// </summary>
    public const string LimitLockWaitKey = "Gateway:LimitLockWait";

    /// <summary>Adds verification (the policy in force, this installation's proof signer, live facts, the verifier) and the pipeline.</summary>
    public static IServiceCollection AddActionGateway(this IServiceCollection services, IConfiguration configuration)
    {
        // The policy file is the initial policy; versions adopted through the policy-change action (policy_versions) take over from it.
        services.AddSingleton<AdoptedPolicies>();
        services.AddSingleton(sp => new PolicyInForce(
            VerificationSetup.LoadPolicy(configuration), sp.GetRequiredService<AdoptedPolicies>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => VerificationSetup.CreateSigner(configuration, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFactsProvider>(sp => new DatabaseFactsProvider(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<PolicyInForce>()));
        services.AddSingleton(configuration.GetSection(ApprovalOptions.Section).Get<ApprovalOptions>() ?? new ApprovalOptions());
        services.AddSingleton<PlatformEvents>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<ApprovalGate>();
        services.AddSingleton<DecisionLog>();
        services.AddSingleton<SandboxBusiness>();
        services.AddSingleton<IActionExecutor, ChangePolicyExecutor>();
        services.AddSingleton<IActionExecutor, ModifyAccountAccessExecutor>();
        // Integrations:* is validated here (a misconfigured integration stops the host); live connectors register themselves.
        services.AddIntegrations(configuration);
        // Executors of actions outside the sandbox business (memories, integration connections, policy changes) are registered
        // as IActionExecutor; an action with live connectors is routed to them and falls back to its sandbox executor only
        // for packets no live account claims.
        services.AddSingleton(sp => new ExecutorRegistry(LiveRoutingExecutor.Wrap(
            [.. SandboxExecutors.Create(sp.GetRequiredService<SandboxBusiness>()), .. sp.GetServices<IActionExecutor>()],
            sp.GetServices<ILiveActionConnector>(), sp.GetRequiredService<IntegrationConnections>())));
        services.AddSingleton(sp => new ToolGateway(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ProofSigner>(), sp.GetRequiredService<PolicyInForce>(),
            sp.GetRequiredService<ExecutorRegistry>(), sp.GetRequiredService<ApprovalGate>(), sp.GetRequiredService<PlatformEvents>(),
            sp.GetRequiredService<TimeProvider>())
        {
            ClaimLease = configuration.GetValue(ClaimLeaseKey, TimeSpan.FromMinutes(5)),
        });
        services.AddSingleton(sp => new LimitLocks(sp.GetRequiredService<NpgsqlDataSource>(), configuration.GetValue(LimitLockWaitKey, TimeSpan.FromSeconds(30))));
        services.AddSingleton<RequestAuthority>();
        services.AddSingleton<ActionPipeline>();
        services.AddSingleton<IActionPipeline>(sp => sp.GetRequiredService<ActionPipeline>());
        services.AddSingleton<ApprovalService>();
        return services;
    }
}
