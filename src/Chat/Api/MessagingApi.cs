namespace LiveShop.Chat.Api;

/// <summary>The chat-platform endpoints: Slack and Teams.</summary>
public static class MessagingApi
{
    /// <summary>Maps the Slack and Teams endpoints (each answers 404 until configured).</summary>
    public static IEndpointRouteBuilder MapMessagingApi(this IEndpointRouteBuilder endpoints) => endpoints.MapSlackApi().MapTeamsApi();
}
