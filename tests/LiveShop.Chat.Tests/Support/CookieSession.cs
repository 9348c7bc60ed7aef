using System.Net;
using System.Text.RegularExpressions;

namespace LiveShop.Chat.Tests.Support;

/// <summary>
/// A browser-like HTTP client (keeps cookies, does not follow redirects) that signs in through the <c>/signin</c> form,
/// for tests of what the sign-in cookie may and may not do.
/// </summary>
public sealed partial class CookieSession : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Uri _baseAddress;

    private CookieSession(Uri baseAddress)
    {
        _baseAddress = baseAddress;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = _cookies }) { BaseAddress = baseAddress };
    }

    /// <summary>The client carrying the session's cookies.</summary>
    public HttpClient Client { get; }

    /// <summary>A session that has not signed in yet.</summary>
    public static CookieSession Open(Uri baseAddress) => new(baseAddress);

    /// <summary>The server's own origin, as a browser on one of its pages sends it in <c>Origin</c>.</summary>
    public string OwnOrigin => _baseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The <c>Cookie</c> header the session would send now (to replay it later, as a saved cookie).</summary>
    public string CookieHeader => _cookies.GetCookieHeader(_baseAddress);

    /// <summary>Posts the sign-in form (with the form's antiforgery token) and returns the answer (a redirect).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string returnUrl = "/approvals")
    {
        var token = await AntiforgeryTokenAsync("/signin");
        return await Client.PostAsync("/auth/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password, ["return_url"] = returnUrl,
        }));
    }

    /// <summary>A signed-in session, or an exception when the sign-in was refused.</summary>
    public static async Task<CookieSession> SignedInAsync(Uri baseAddress, string email, string password)
    {
        var session = Open(baseAddress);
        var answer = await session.SignInAsync(email, password);
        if (answer.Headers.Location?.OriginalString.StartsWith("/signin", StringComparison.Ordinal) != false)
            throw new InvalidOperationException($"sign-in as {email} was refused: {answer.StatusCode} {answer.Headers.Location}");
        return session;
    }

    /// <summary>The antiforgery token a page of the console (the sign-in form, or the sign-out form on any page) carries.</summary>
    public async Task<string> AntiforgeryTokenAsync(string path = "/approvals")
    {
        var page = await Client.GetStringAsync(path);
        var token = TokenField().Match(page).Groups[1].Value;
        if (token.Length == 0) throw new InvalidOperationException($"{path} carries no antiforgery token");
        return WebUtility.HtmlDecode(token);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => Client.Dispose();
}
