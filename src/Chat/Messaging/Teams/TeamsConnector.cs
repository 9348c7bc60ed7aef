using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Messaging.Teams;

/// <summary>A Bot Connector call failed.</summary>
public sealed class TeamsConnectorException(string message) : Exception(message);

/// <summary>
/// Outbound Bot Framework calls over plain HTTP: a client-credentials token (cached until shortly before it expires),
/// then the Conversations API of the activity's <c>serviceUrl</c> to send, reply and update activities.
/// </summary>
public sealed class TeamsConnector(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider time, TeamsServiceUrls serviceUrls)
{
    private HttpClient Http => httpClients.CreateClient(nameof(TeamsConnector));

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpires;

    /// <summary>Posts an activity to a conversation; returns the new activity's id.</summary>
    public async Task<string> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(HttpMethod.Post, $"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, cancellationToken);
        return answer?["id"]?.GetValue<string>() ?? throw new TeamsConnectorException("the connector returned no activity id");
    }

    /// <summary>Replies in the thread of <paramref name="replyToId"/>.</summary>
    public async Task ReplyAsync(string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken cancellationToken)
    {
        activity["replyToId"] = replyToId;
        await CallAsync(HttpMethod.Post,
            $"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}", activity, cancellationToken);
    }

    /// <summary>Replaces a posted activity (e.g. an approval card) in place.</summary>
    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        activity["id"] = activityId;
        await CallAsync(HttpMethod.Put,
            $"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);
    }

    private async Task<JsonNode?> CallAsync(HttpMethod method, string url, JsonObject body, CancellationToken cancellationToken)
    {
        // Checked before the token is even fetched: the bot's credential goes only where a token or the operator said.
        if (!serviceUrls.MayReceiveToken(url[..url.IndexOf("/v3/conversations/", StringComparison.Ordinal)]))
            throw new TeamsConnectorException($"refused: {new Uri(url).GetLeftPart(UriPartial.Authority)} is not a service URL a Bot Framework token named or Teams:AllowedServiceUrls lists; nothing was sent");
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        using var response = await Http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new TeamsConnectorException($"{method} {url} answered HTTP {(int)response.StatusCode}");
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && time.GetUtcNow() < _tokenExpires) return _token;
            var settings = options.Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId,
                ["client_secret"] = settings.AppPassword,
                ["scope"] = "https://api.botframework.com/.default",
            });
            using var response = await Http.PostAsync(settings.EffectiveTokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new TeamsConnectorException($"token endpoint answered HTTP {(int)response.StatusCode}");
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            _token = answer?["access_token"]?.GetValue<string>() ?? throw new TeamsConnectorException("token endpoint returned no access_token");
            var lifetime = answer["expires_in"] is { } e ? TimeSpan.FromSeconds(double.Parse(e.ToString(), System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromMinutes(30);
            _tokenExpires = time.GetUtcNow() + lifetime - TimeSpan.FromMinutes(5);
            return _token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private static string Base(string serviceUrl) => serviceUrl.TrimEnd('/');
}
