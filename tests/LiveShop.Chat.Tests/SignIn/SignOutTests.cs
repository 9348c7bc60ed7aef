using System.Net;
using System.Net.Http.Headers;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.SignIn;

/// <summary>Signing out and changing a password end the sign-in for good: a saved copy of the cookie stops working.</summary>
public sealed class SignOutTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = server.Database.ConnectionString,
        ["LiveShop__DataDirectory"] = server.DataDirectory,
    };

    private async Task<string> UserWithPasswordAsync(string email, string password)
    {
        await using (var insert = server.Database.DataSource.CreateCommand(
            "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), $1, 'U', 'approver', now(), false) ON CONFLICT (email) DO NOTHING"))
        {
            insert.Parameters.AddWithValue(email);
            await insert.ExecuteNonQueryAsync();
        }
        await server.SetPasswordAsync(email, password);
        return email;
    }

    // A client that replays a saved Cookie header, as an attacker who copied it would.
    private HttpClient Replaying(string cookieHeader)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    private static HttpRequestMessage SignOut(CookieSession session, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signout")
        {
            Content = new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Origin", session.OwnOrigin);
        return request;
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_user_stays_signed_in()
    {
        var email = await UserWithPasswordAsync("signout-forged@liveshop.local", "signout-password-1");
        using var session = await CookieSession.SignedInAsync(server.BaseAddress, email, "signout-password-1");

        var forged = await session.Client.SendAsync(SignOut(session, token: null));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/api/sandbox/status")).StatusCode);
    }

    [Fact]
    public async Task A_saved_cookie_stops_working_after_sign_out()
    {
        var email = await UserWithPasswordAsync("signout-saved@liveshop.local", "signout-password-2");
        using var session = await CookieSession.SignedInAsync(server.BaseAddress, email, "signout-password-2");
        using var saved = Replaying(session.CookieHeader);
        Assert.Equal(HttpStatusCode.OK, (await saved.GetAsync("/api/sandbox/status")).StatusCode);

        var signedOut = await session.Client.SendAsync(SignOut(session, await session.AntiforgeryTokenAsync()));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/signin", signedOut.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, (await saved.GetAsync("/api/sandbox/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/api/sandbox/status")).StatusCode);
        // Signing in again works, with a new cookie.
        using var again = await CookieSession.SignedInAsync(server.BaseAddress, email, "signout-password-2");
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/api/sandbox/status")).StatusCode);
    }

    [Fact]
    public async Task A_password_changed_with_the_cli_ends_saved_cookies_and_may_revoke_api_keys()
    {
        var email = await UserWithPasswordAsync("signout-cli@liveshop.local", "signout-password-3");
        using var session = await CookieSession.SignedInAsync(server.BaseAddress, email, "signout-password-3");
        using var saved = Replaying(session.CookieHeader);
        using var script = new HttpClient { BaseAddress = server.BaseAddress };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.CreateApiKeyAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/sandbox/status")).StatusCode);

        var kept = await CliProcess.RunAsync(["users", "set-password", "--user", email, "--generate"], Environment);
        Assert.Equal(0, kept.ExitCode);
        Assert.Contains("1 API key", kept.StandardError);
        Assert.Contains("--revoke-api-keys", kept.StandardError);
        Assert.Equal(HttpStatusCode.Unauthorized, (await saved.GetAsync("/api/sandbox/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/sandbox/status")).StatusCode);

        var revoked = await CliProcess.RunAsync(["users", "set-password", "--user", email, "--generate", "--revoke-api-keys"], Environment);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked 1 API key", revoked.StandardOutput);
        var registry = new LiveShop.Chat.SignIn.ApiKeyRegistry(
            () => LiveShop.Memory.Database.LiveShopDataSource.CreateContext(server.Database.DataSource), TimeProvider.System);
        Assert.All(await registry.ListAsync(email, CancellationToken.None), key => Assert.NotNull(key.RevokedAt));
    }
}
