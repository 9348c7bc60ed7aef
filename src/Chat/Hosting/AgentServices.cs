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

/// <summary>The host's part of the agents: the chat model it is configured with, and the goal task worker of the web host.</summary>
public static class AgentServices
{
    /// <summary>Adds the chat model of <c>Llm</c> (an OpenAI-compatible endpoint, or the offline planner when none is configured).</summary>
    public static IServiceCollection AddChatModel(this IServiceCollection services, IConfiguration configuration)
    {
        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        services.AddSingleton(llm);
        services.AddSingleton(ChatModelFactory.Describe(llm));
        services.AddSingleton<IChatCompletionService>(sp => ChatModelFactory.Create(llm, sp, sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// Adds the goal task worker (the web host only; the CLI never runs tasks): the queue, the runner, and the hosted
    /// worker, which does nothing when <c>Agents:GoalWorker:Enabled</c> is false.
    /// </summary>
    public static IServiceCollection AddGoalTaskWorker(this IServiceCollection services)
    {
        services.AddOptions<GoalWorkerOptions>().BindConfiguration(GoalWorkerOptions.Section).ValidateOnStart();
        services.AddSingleton<GoalTaskQueue>();
        services.AddSingleton<ITaskTurn, ChatTaskTurn>();
        services.AddSingleton<GoalTaskRunner>();
        services.AddHostedService<GoalTaskWorker>();
        return services;
    }
}
