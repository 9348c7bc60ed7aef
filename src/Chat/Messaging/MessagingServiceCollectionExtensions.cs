using LiveShop.Chat.Messaging.Linking;
using LiveShop.Chat.Messaging.Slack;
using LiveShop.Chat.Messaging.Surfaces;
using LiveShop.Chat.Messaging.Teams;
using LiveShop.Kernel.Approvals.Surfaces;
using LiveShop.Kernel.Assistance;

namespace LiveShop.Chat.Messaging;

/// <summary>Registers the Slack and Teams integrations, the approval-card surfaces and the inline assistant.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>Options from <c>Slack</c>, <c>Teams</c> and <c>Messaging</c>; stores, clients, handlers, the work queue and the card sync.</summary>
    public static IServiceCollection AddLiveShopMessaging(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateOnStart();
        services.AddSingleton<ChatUserLinks>();
        services.AddSingleton<InboundDeliveries>();
        services.AddSingleton<ApprovalCardPosts>();
        services.AddSingleton<OrderQuestionAssistant>();
        services.AddSingleton<IInlineAssistant, PersonaInlineAssistant>();
        services.AddScoped<ApprovalSurfaces>();
        services.AddScoped<IApprovalNotifier>(sp => sp.GetRequiredService<ApprovalSurfaces>());
        services.AddScoped<ChatApprovalDecider>();
        services.AddScoped<SlackInteractions>();
        services.AddScoped<SlackConversations>();
        services.AddScoped<TeamsActivities>();
        services.AddHttpClient<SlackWebApi>();
        services.AddHttpClient(nameof(TeamsConnector));
        services.AddSingleton<TeamsServiceUrls>();
        services.AddSingleton<TeamsConnector>();
        services.AddHttpClient(nameof(TeamsTokenValidator));
        services.AddSingleton<TeamsTokenValidator>();
        services.AddSingleton<MessagingWorkQueue>();
        services.AddHostedService<MessagingWorker>();
        services.AddHostedService<ApprovalSurfaceSync>();
        services.AddSingleton<LiveShop.Memory.Events.Subscriptions.IEventSubscription, AlertDelivery>();
        return services;
    }
}
