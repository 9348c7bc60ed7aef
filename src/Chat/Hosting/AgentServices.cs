using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Chat.Models;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Orchestration;
using LiveShop.Kernel.Orchestration.GoalWork;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Personas.Goals;
using LiveShop.Kernel.Personas.Routing;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Plugins.Functions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Chat.Hosting;

/// <summary>Registers the agent mesh: plugins, personas, router, goal intake, kernel factory, chat model and chat turns.</summary>
public static class AgentServices
{
    /// <summary>
    /// Adds everything a chat turn needs over the policy and the <see cref="IActionPipeline"/> of <c>AddActionGateway</c>
    /// (one policy in force for verifier, gateway and persona ceilings); <see cref="LiveShopComposition"/> composes both.
    /// </summary>
    public static IServiceCollection AddLiveShopAgents(this IServiceCollection services, IConfiguration configuration)
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
                sp.GetRequiredService<ILoggerFactory>(), new KernelFactoryOptions { FailOnUndeclaredFunctions = IsDevelopment(configuration) });
        });
        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        services.AddSingleton(llm);
        services.AddSingleton(ChatModelFactory.Describe(llm));
        services.AddSingleton<IChatCompletionService>(sp => ChatModelFactory.Create(llm, sp, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ChatTurnService>();
        return services;
    }

    /// <summary>
    /// Adds the goal task worker (the web host only; the CLI never runs tasks): the queue, the runner, and the hosted
    /// worker, which does nothing when <c>Agents:GoalWorker:Enabled</c> is false.
    /// </summary>
    public static IServiceCollection AddGoalTaskWorker(this IServiceCollection services)
    {
        services.AddOptions<GoalWorkerOptions>().BindConfiguration(GoalWorkerOptions.Section);
        services.AddSingleton<GoalTaskQueue>();
        services.AddSingleton<ITaskTurn, ChatTaskTurn>();
        services.AddSingleton<GoalTaskRunner>();
        services.AddHostedService<GoalTaskWorker>();
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
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentServices))
                .LogWarning("Personas list functions no plugin registers yet (refused if called): {Functions}", string.Join(", ", missing));
        return catalog;
    }

    private static bool IsDevelopment(IConfiguration configuration) =>
        string.Equals(configuration[HostDefaults.EnvironmentKey] ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"), Environments.Development, StringComparison.OrdinalIgnoreCase);
}
