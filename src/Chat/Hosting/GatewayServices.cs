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
using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Registers the action pipeline: policy, proof signer, approval gate, tool gateway, decision log, integrations and executors.</summary>
public static class GatewayServices
{
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
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section))
            .Validate(o => o.Expiry > TimeSpan.Zero, $"{ApprovalOptions.Section}:{nameof(ApprovalOptions.Expiry)} must be a positive duration")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ApprovalOptions>>().Value);
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section))
            .Validate(o => o.ClaimLease > TimeSpan.Zero, $"{GatewayOptions.Section}:{nameof(GatewayOptions.ClaimLease)} must be a positive duration")
            .Validate(o => o.LimitLockWait > TimeSpan.Zero, $"{GatewayOptions.Section}:{nameof(GatewayOptions.LimitLockWait)} must be a positive duration")
            .ValidateOnStart();
        services.AddSingleton<PlatformEvents>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<ApprovalGate>();
        services.AddSingleton<DecisionLog>();
        services.AddSingleton<SandboxBusiness>();
        services.AddSingleton<IActionExecutor, ChangePolicyExecutor>();
        services.AddSingleton<IActionExecutor, ModifyAccountAccessExecutor>();
        // Integrations:* is validated at start (a misconfigured integration stops the host); live connectors register themselves.
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
            ClaimLease = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.ClaimLease,
        });
        services.AddSingleton(sp => new LimitLocks(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<GatewayOptions>>().Value.LimitLockWait));
        services.AddSingleton<RequestAuthority>();
        services.AddSingleton<ActionPipeline>();
        services.AddSingleton<IActionPipeline>(sp => sp.GetRequiredService<ActionPipeline>());
        services.AddSingleton<ApprovalService>();
        return services;
    }
}
