using LiveShop.Bench.Verbs.Loopback;
using LiveShop.Chat.Hosting;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveShop.Chat.Tests.Support;

/// <summary>One activity the bot sent to the fake connector: HTTP method, path and body.</summary>
public sealed record ConnectorCall(string Method, string Path, JsonObject Body, string? Authorization);

/// <summary>
/// A local Bot Framework: an OpenID issuer (metadata + JWKS of a test RSA key, tokens signed with it), a
/// client-credentials token endpoint, and a Bot Connector that records the activities the bot sends.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    /// <summary>The access token the fake token endpoint hands out.</summary>
    public const string ConnectorToken = "fake-connector-token";

    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private WebApplication? _app;
    private int _activity;

    /// <summary>The fake's base address; also its issuer and the service URL of its conversations.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The issuer named in the metadata document.</summary>
    public string Issuer => BaseUrl + "/issuer";

    /// <summary>Every connector call so far.</summary>
    public IReadOnlyList<ConnectorCall> Calls => _calls.ToList();

    /// <summary>Starts the fake on a free port.</summary>
    public async Task StartAsync()
    {
        var builder = LoopbackServers.CreateBuilder();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Text(new JsonObject
        {
            ["issuer"] = Issuer, ["jwks_uri"] = BaseUrl + "/keys", ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString(), "application/json"));
        _app.MapGet("/keys", () =>
        {
            var p = _key.ExportParameters(false);
            return Results.Text(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "test-key",
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                }),
            }.ToJsonString(), "application/json");
        });
        _app.MapPost("/token", () => Results.Text($$"""{"token_type":"Bearer","expires_in":3600,"access_token":"{{ConnectorToken}}"}""", "application/json"));
        _app.MapMethods("/v3/conversations/{**rest}", ["POST", "PUT"], async (HttpRequest request) =>
        {
            var body = (JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject) ?? [];
            _calls.Enqueue(new ConnectorCall(request.Method, request.Path.Value!, body, request.Headers.Authorization));
            return Results.Text($$"""{"id":"activity-{{Interlocked.Increment(ref _activity)}}"}""", "application/json");
        });
        await _app.StartAsync();
        BaseUrl = _app.ListenAddress();
    }

    /// <summary>A token as the Bot Framework would send it; every part can be spoiled for a negative test.</summary>
    public string CreateToken(string audience, string? issuer = null, DateTime? expires = null, RSA? signingKey = null, string? serviceUrl = null,
        bool withServiceUrl = true)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        var claims = new Dictionary<string, object>();
        if (withServiceUrl) claims["serviceurl"] = serviceUrl ?? BaseUrl;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            NotBefore = expiry.AddMinutes(-60),
            IssuedAt = expiry.AddMinutes(-60),
            Expires = expiry,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey ?? _key) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Waits until a call matching <paramref name="where"/> arrives (or fails after 15 s).</summary>
    public async Task<ConnectorCall> WaitForAsync(Func<ConnectorCall, bool> where)
    {
        for (var waited = 0; waited < 150; waited++)
        {
            if (Calls.FirstOrDefault(where) is { } call) return call;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no matching connector call; calls: {string.Join(", ", Calls.Select(c => $"{c.Method} {c.Path}"))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _key.Dispose();
    }
}
