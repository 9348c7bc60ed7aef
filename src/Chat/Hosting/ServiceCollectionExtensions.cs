using LiveShop.Chat.Access;
using LiveShop.Chat.Health;
using LiveShop.Chat.Messaging;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Memory.Metrics;
using LiveShop.Memory.Serialization;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Sandbox.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>The web host's composition: the shared graph of <see cref="LiveShopComposition"/> and the web surfaces on top.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Registers options, the database, domain services, health checks, problem details and Blazor.</summary>
    public static IServiceCollection AddLiveShopServices(this IServiceCollection services, IConfiguration configuration, NpgsqlDataSource dataSource)
    {
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(configuration.GetLiveShopOptions().DataDirectory, "keys")))
            .SetApplicationName("LiveShop.Agents");
        services.AddLiveShopCore(configuration, dataSource);
        services.AddKnowledgeWorkers();
        services.AddHostedService<EventSubscriptionWorker>();
        services.AddSingleton<BusinessOverviewQuery>();
        services.AddScoped<LiveShop.Chat.Alerts.OpenAlertBadge>();
        services.AddChainCheckpoints(configuration);
        // What the signed-in user's role may do in the console (the policy's roles: section).
        services.AddSingleton<ConsolePermissions>();
        // The live sandbox simulation: one ticker per host, ticking only while it holds the database's ticking lock.
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateOnStart();
        services.AddSingleton<SandboxTicker>();
        services.AddSingleton<ISandboxControl>(sp => sp.GetRequiredService<SandboxTicker>());
        services.AddHostedService(sp => sp.GetRequiredService<SandboxTicker>());
        services.AddGoalTaskWorker();
        services.AddSchedulerWorkers();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonDefaults.Options.PropertyNamingPolicy;
            json.SerializerOptions.Encoder = JsonDefaults.Options.Encoder;
        });
        // Slack and Teams: approval cards, card sync, inline questions (endpoints answer 404 until configured).
        services.AddLiveShopMessaging();
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddRazorComponents().AddInteractiveServerComponents();
        return services;
    }
}
