using LiveShop.Kernel.Accounts;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Automation;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Kernel.Automation.Reactions;
using LiveShop.Kernel.Automation.Guardrails;
using LiveShop.Kernel.Automation.Scheduling;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Orchestration;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Personas.Goals;
using LiveShop.Kernel.Personas.Routing;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Kernel.Verification.Proofs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Kernel;

/// <summary>What the host decides for the Kernel: where the starting policy and this installation's signing key come from.</summary>
/// <param name="StartingPolicy">The policy file's policy (versions adopted since take over from it).</param>
/// <param name="Signer">This installation's proof signer.</param>
/// <param name="FailOnUndeclaredFunctions">Whether an undeclared plugin function stops start-up (development) or is refused when called.</param>
public sealed record KernelSetup(Func<BusinessPolicy> StartingPolicy, Func<IServiceProvider, ProofSigner> Signer, bool FailOnUndeclaredFunctions);

/// <summary>
/// Registers the Kernel: the policy in force, verification, the approval gate and service, the tool gateway, the action
/// pipeline, and the agents (personas, router, goal intake, conversations, kernel factory, chat turns). Expects the
/// Memory layer's services and the options <see cref="GatewayOptions"/> and <see cref="ApprovalOptions"/>, which the host
/// binds and validates; executors and plugins are the Plugins layer's, the chat model is the host's.
/// </summary>
public static class KernelServices
{
    /// <summary>Adds the Kernel's services.</summary>
    public static IServiceCollection AddLiveShopKernel(this IServiceCollection services, KernelSetup setup)
    {
        // The policy file is the initial policy; versions adopted through the policy-change action (policy_versions) take over from it.
        services.AddSingleton<AdoptedPolicies>();
        services.AddSingleton(sp => new PolicyInForce(setup.StartingPolicy(), sp.GetRequiredService<AdoptedPolicies>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(setup.Signer);
        services.AddSingleton<IFactsProvider>(sp => new DatabaseFactsProvider(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<PolicyInForce>()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ApprovalOptions>>().Value);
        services.AddSingleton<PlatformEvents>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<ApprovalGate>();
        services.AddSingleton<ApprovalService>();
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
        services.AddSingleton<AutonomySwitch>();
        services.AddSingleton<JobRuns>();
        services.AddTransient<BusinessJobCatalog>();
        services.AddTransient<BusinessJobRunner>();
        services.AddOptions<SchedulerOptions>();
        services.AddSingleton<SchedulerHandle>();
        services.AddSingleton<BusinessClockTrigger>();
        services.AddSingleton<ActionPipeline>();
        services.AddSingleton<IActionPipeline>(sp => sp.GetRequiredService<ActionPipeline>());
        return services.AddAgents(setup);
    }

    // One policy in force for the verifier, the gateway and the persona ceilings.
    private static IServiceCollection AddAgents(this IServiceCollection services, KernelSetup setup)
    {
        services.AddSingleton<IFunctionAudit, EventStoreFunctionAudit>();
        services.AddSingleton(LoadPersonas);
        services.AddSingleton<IPersonaRouter>(sp => new PersonaRouter(sp.GetRequiredService<PersonaCatalog>()));
        services.AddSingleton(sp => new GoalPlanner(sp.GetRequiredService<PersonaCatalog>()));
        services.AddSingleton<GoalIntake>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<IVerdictPreview, VerifierPreview>();
        services.AddSingleton(sp =>
        {
            var catalog = sp.GetRequiredService<PersonaCatalog>();
            var audit = sp.GetRequiredService<IFunctionAudit>();
            var ceiling = new PersonaCeilingPipeline(sp.GetRequiredService<IActionPipeline>(), catalog, sp.GetRequiredService<IVerdictPreview>(), audit,
                sp.GetRequiredService<RequestAuthority>());
            return new KernelFactory(sp.GetServices<PluginRegistration>(), PersonaFunctionPolicy.FromCatalog(catalog), ceiling, audit,
                sp.GetRequiredService<ILoggerFactory>(), new KernelFactoryOptions { FailOnUndeclaredFunctions = setup.FailOnUndeclaredFunctions });
        });
        services.AddSingleton<ChatTurnService>();
        services.AddSingleton<AutomationRequester>();
        services.AddReactions();
        services.AddGuardrailJobs();
        services.AddAlerts();
        return services;
    }

    private static PersonaCatalog LoadPersonas(IServiceProvider services)
    {
        var registered = services.GetServices<PluginRegistration>()
            .SelectMany(p => WorldActionFunctions.PluginOf(p, null))
            .Select(f => f.Name)
            .ToHashSet(StringComparer.Ordinal);
        // Actions whose plugin this host does not register are accepted: a persona may list them, and a model
        // calling them is refused as undeclared.
        var known = registered.Concat(ActionCatalog.Actions.Keys).ToHashSet(StringComparer.Ordinal);
        var catalog = PersonaCatalogLoader.LoadDefault(known);
        var missing = catalog.All.SelectMany(p => p.Functions).Where(f => !registered.Contains(f)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KernelServices))
                .LogWarning("Personas list functions no plugin registers yet (refused if called): {Functions}", string.Join(", ", missing));
        return catalog;
    }
}
