using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>Registers the action pipeline: policy, proof signer, approval gate, tool gateway, decision log and the sandbox executors.</summary>
public static class GatewayServices
{
    /// <summary>Adds the pipeline's services; the policy, signer and facts provider are only added when nobody registered them first.</summary>
    public static IServiceCollection AddActionGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => PolicyLoader.LoadDefault());
        services.TryAddSingleton(sp => new ProofSigner(
            ProofKeyStore.LoadOrCreate(configuration, configuration.GetLiveShopOptions().DataDirectory), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IFactsProvider, NoLiveFactsProvider>();
        services.TryAddSingleton(sp => new EventStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(configuration.GetSection(ApprovalOptions.Section).Get<ApprovalOptions>() ?? new ApprovalOptions());
        services.AddSingleton<PlatformEvents>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApprovalGate>();
        services.AddSingleton<DecisionLog>();
        services.AddSingleton<SandboxBusiness>();
        services.AddSingleton(sp => new ExecutorRegistry(SandboxExecutors.Create(sp.GetRequiredService<SandboxBusiness>())));
        services.AddSingleton<ToolGateway>();
        services.AddSingleton<ActionPipeline>();
        services.AddSingleton<IActionPipeline>(sp => sp.GetRequiredService<ActionPipeline>());
        return services;
    }

    /// <summary>A service provider with only what CLI verbs need to run the pipeline over one database.</summary>
    public static ServiceProvider BuildForCli(NpgsqlDataSource dataSource, IConfiguration configuration) =>
        new ServiceCollection().AddSingleton(dataSource).AddActionGateway(configuration).BuildServiceProvider();
}

/// <summary>
/// Stand-in until the live facts provider is registered: empty facts, so every rule that needs a business record fails
/// closed (unknown order, ad set or product → deny) while L0 and fixed-risk actions still verify.
/// </summary>
internal sealed class NoLiveFactsProvider(TimeProvider time) : IFactsProvider
{
    public ValueTask<BusinessFacts> GetFactsAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        ValueTask.FromResult(BusinessFacts.From(new StateSnapshot
        {
            AsOf = time.GetUtcNow(),
            Finance = new FinanceFacts { CashBalance = 0m, AvgDailyNetBurn = 0m },
        }, "no-live-facts"));
}
