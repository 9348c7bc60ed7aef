using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LiveShop.Chat.Messaging.Teams;

/// <summary>The rules an inbound Bot Framework token must meet; pure, so they are testable without HTTP.</summary>
public static class TeamsTokenRules
{
    /// <summary>Issuer from the metadata document, audience = the app id, keys from the document, signed (RS256) and unexpired.</summary>
    public static TokenValidationParameters Parameters(OpenIdConnectConfiguration metadata, string appId) => new()
    {
        ValidIssuer = metadata.Issuer,
        ValidateIssuer = true,
        ValidAudience = appId,
        ValidateAudience = true,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromMinutes(5),
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };
}

/// <summary>Validates the bearer token of an inbound Teams activity against the OpenID metadata document (keys cached and refreshed).</summary>
public sealed class TeamsTokenValidator
{
    private readonly IOptions<TeamsOptions> _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger<TeamsTokenValidator> _logger;

    /// <summary>Creates the validator; the metadata document is fetched lazily with the given client.</summary>
    public TeamsTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, ILogger<TeamsTokenValidator> logger)
    {
        _options = options;
        _logger = logger;
        var url = options.Value.OpenIdMetadataUrl;
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(nameof(TeamsTokenValidator))) { RequireHttps = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) });
    }

    /// <summary>The validated token, or null when the header is missing, forged, expired, for another audience or issuer.</summary>
    public async Task<JsonWebToken?> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal)) return null;
        var token = authorizationHeader["Bearer ".Length..].Trim();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            OpenIdConnectConfiguration metadata;
            try
            {
                metadata = await _metadata.GetConfigurationAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
            {
                _logger.LogWarning(e, "Teams OpenID metadata unavailable; refusing the activity");
                return null;
            }
            var result = await _handler.ValidateTokenAsync(token, TeamsTokenRules.Parameters(metadata, _options.Value.AppId));
            if (result.IsValid) return (JsonWebToken)result.SecurityToken;
            if (attempt == 0 && result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                _metadata.RequestRefresh(); // keys rotate: look once more before refusing
                continue;
            }
            _logger.LogInformation("Teams token refused: {Reason}", result.Exception?.GetType().Name);
            return null;
        }
        return null;
    }
}
