namespace LiveShop.Chat.Messaging.Teams;

/// <summary>Settings of the Teams bot (section <c>Teams</c>); without an app id and password the endpoint answers 404.</summary>
public sealed class TeamsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Teams";

    /// <summary>The bot's Microsoft app id: the audience every inbound token must carry.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The bot's client secret for outbound calls; never logged.</summary>
    public string AppPassword { get; set; } = "";

    /// <summary>Tenant of a single-tenant bot; empty for a multi-tenant one (token from <c>botframework.com</c>).</summary>
    public string TenantId { get; set; } = "";

    /// <summary>OpenID metadata document listing the signing keys of inbound tokens.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Client-credentials token endpoint; empty means the Microsoft identity platform for <see cref="TenantId"/>.</summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>Service URL of the conversation approval cards are posted to (learned from any activity there).</summary>
    public string ApprovalsServiceUrl { get; set; } = "";

    /// <summary>Conversation (channel or chat) id approval cards are posted to.</summary>
    public string ApprovalsConversationId { get; set; } = "";

    /// <summary>
    /// Service URLs (origins such as <c>https://smba.trafficmanager.net</c>, or bare host names meaning https) the bot may
    /// answer at when an inbound token names no service URL itself; empty means only URLs named by tokens.
    /// </summary>
    public string[] AllowedServiceUrls { get; set; } = [];

    /// <summary>Whether inbound activities can be authenticated and replied to (the endpoint exists).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    /// <summary>Whether approval cards can be posted.</summary>
    public bool CanPostApprovals => Enabled && !string.IsNullOrWhiteSpace(ApprovalsServiceUrl) && !string.IsNullOrWhiteSpace(ApprovalsConversationId);

    /// <summary>The token endpoint actually used.</summary>
    public string EffectiveTokenEndpoint => string.IsNullOrWhiteSpace(TokenEndpoint)
        ? $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token"
        : TokenEndpoint;
}
