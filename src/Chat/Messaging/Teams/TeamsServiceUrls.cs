using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LiveShop.Chat.Messaging.Teams;

/// <summary>
/// Where the bot may send its outbound token: a service URL named by a validated Bot Framework token (its
/// <c>serviceurl</c> claim), a host on <c>Teams:AllowedServiceUrls</c>, or the configured approvals service URL.
/// An activity alone never chooses: an attacker who can obtain any validly signed token without the claim must not be
/// able to point the bot, and its token, at a server of their own.
/// </summary>
public sealed partial class TeamsServiceUrls(IOptions<TeamsOptions> options, ILogger<TeamsServiceUrls> logger)
{
    private readonly ConcurrentDictionary<string, byte> _vouched = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether an inbound activity's <paramref name="serviceUrl"/> may be answered: the token's claim must name it, or,
    /// when the token names none, it must be on the allow-list. A URL the token names is remembered as vouched for.
    /// </summary>
    public bool AcceptInbound(JsonWebToken token, string serviceUrl)
    {
        if (token.TryGetPayloadValue<string>("serviceurl", out var claimed) && !string.IsNullOrEmpty(claimed))
        {
            if (!string.Equals(Normalize(claimed), Normalize(serviceUrl), StringComparison.OrdinalIgnoreCase))
            {
                LogRefused(Origin(serviceUrl) ?? "(not a URL)", "the token names another service URL");
                return false;
            }
            _vouched[Normalize(claimed)] = 0;
            return true;
        }
        if (IsAllowListed(serviceUrl)) return true;
        LogRefused(Origin(serviceUrl) ?? "(not a URL)", "the token names no service URL and the host is not on Teams:AllowedServiceUrls");
        return false;
    }

    /// <summary>Whether the bot's outbound token may be sent to <paramref name="serviceUrl"/>.</summary>
    public bool MayReceiveToken(string serviceUrl) =>
        _vouched.ContainsKey(Normalize(serviceUrl)) || IsAllowListed(serviceUrl)
        || (Origin(options.Value.ApprovalsServiceUrl) is { } approvals && approvals == Origin(serviceUrl));

    private bool IsAllowListed(string serviceUrl) =>
        Origin(serviceUrl) is { } origin && options.Value.AllowedServiceUrls.Any(entry => Origin(entry.Contains("://") ? entry : "https://" + entry) == origin);

    // Scheme, host and port: an allow-listed host does not cover another port or plain http on the same machine.
    private static string? Origin(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}"
            : null;

    private static string Normalize(string url) => url.Trim().TrimEnd('/');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams service URL {Origin} refused: {Reason}; nothing is sent there")]
    private partial void LogRefused(string origin, string reason);
}
