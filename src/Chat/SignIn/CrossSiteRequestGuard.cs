using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LiveShop.Chat.SignIn;

/// <summary>
/// Refuses cross-site request forgery on everything the sign-in cookie authorises. The browser attaches the cookie to
/// requests any page makes — including a page on another port of this host, which counts as the same site, so
/// <c>SameSite=Lax</c> does not stop it. A state-changing request (any method but GET/HEAD/OPTIONS/TRACE, and WebSocket
/// handshakes) that the cookie authenticated must therefore come from this host's own origin: its <c>Origin</c> header
/// (or, when a browser sent none, <c>Sec-Fetch-Site: same-origin</c>, a same-origin <c>Referer</c>, or a valid antiforgery
/// token) must say so, else 403. Under <c>/api</c> its body must also be <c>application/json</c> (else 415), a type no
/// page can send to another origin without the browser asking first. API-key callers (<c>Authorization: Bearer</c>)
/// carry no ambient authority and pass untouched, as do the signed Slack and Teams webhooks, which no cookie signs in.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IAntiforgery antiforgery, IOptions<AuthOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsCookieAuthenticated(context) || !ChangesState(context))
        {
            await next(context);
            return;
        }
        var refusal = await CheckOriginAsync(context) ?? CheckContentType(context.Request);
        if (refusal is null)
        {
            await next(context);
            return;
        }
        await refusal.ExecuteAsync(context);
    }

    private static bool IsCookieAuthenticated(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    private static bool ChangesState(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
             || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method));

    private async Task<IResult?> CheckOriginAsync(HttpContext context)
    {
        var request = context.Request;
        var own = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return IsConsole(origin, own) ? null
                : Forbidden($"the request came from {Printable(origin)}, not from this console ({own}); a page elsewhere cannot act with your sign-in. Scripts use an API key.");

        // Browsers send Origin on every state-changing request; the fallbacks cover older ones and privacy settings.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
            return fetchSite == "same-origin" ? null
                : Forbidden($"the browser says the request came from another origin (Sec-Fetch-Site: {Printable(fetchSite)}); a page elsewhere cannot act with your sign-in.");
        if (request.Headers.Referer.ToString() is { Length: > 0 } referer && Uri.TryCreate(referer, UriKind.Absolute, out var from)
            && IsConsole(from.GetLeftPart(UriPartial.Authority), own))
            return null;
        if (await antiforgery.IsRequestValidAsync(context))
            return null;
        return Forbidden("the request says neither where it came from (no Origin header) nor carries an antiforgery token, so it could come from a page elsewhere. Scripts use an API key.");
    }

    private static IResult? CheckContentType(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments("/api") || request.HttpContext.WebSockets.IsWebSocketRequest) return null;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return null;
        return TypedResults.Problem(
            title: "Only JSON bodies are accepted; nothing was done.",
            detail: $"a request signed in with the console's cookie must send Content-Type: application/json (an empty body is fine), not {Printable(request.ContentType ?? "none")}.",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { field = "Content-Type", message = "must be application/json" } } });
    }

    // The host's own origin, or one it is published under (a reverse proxy terminating TLS shows another scheme/host).
    private bool IsConsole(string presented, string own) =>
        string.Equals(presented.TrimEnd('/'), own, StringComparison.OrdinalIgnoreCase)
        || options.Value.ConsoleOrigins.Any(o => string.Equals(presented.TrimEnd('/'), o.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    private static IResult Forbidden(string why) => TypedResults.Problem(
        title: "Cross-site request refused; nothing was done.", detail: why, statusCode: StatusCodes.Status403Forbidden,
        extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { field = "Origin", message = why } } });

    // Header values are echoed in the answer: keep them short and printable.
    private static string Printable(string value)
    {
        var clean = new string(value.Where(c => c is >= ' ' and < '\u007f').Take(100).ToArray());
        return clean.Length == 0 ? "(unprintable)" : clean;
    }
}
