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
using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Registers the action pipeline: policy, proof signer, approval gate, tool gateway and decision log (executors are the Plugins layer's).</summary>
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
        services.AddSingleton<IActionExecutor, ChangePolicyExecutor>();
        services.AddSingleton<IActionExecutor, ModifyAccountAccessExecutor>();
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
