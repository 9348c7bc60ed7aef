using System.Net;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.SignIn;

/// <summary>
/// What a page elsewhere can make a signed-in browser do: nothing. Requests are sent over real HTTP with the sign-in
/// cookie and the headers a browser would send from another origin (another port of the same host is the same site, so
/// the cookie goes along).
/// </summary>
public sealed class CrossSiteRequestTests(LiveShopServer server) : IClassFixture<LiveShopServer>, IAsyncLifetime
{
    private const string OtherPortOrigin = "http://127.0.0.1:1";
    private CookieSession _founder = null!;

    public async Task InitializeAsync() => _founder = await CookieSession.SignedInAsync(server.BaseAddress, LiveShopServer.FounderEmail, LiveShopServer.FounderPassword);

    public Task DisposeAsync()
    {
        _founder.Dispose();
        return Task.CompletedTask;
    }

    private static string RefundPacket(string orderId) =>
        $$$"""{"proposed_action":"refund_order","parameters":{"order_id":"{{{orderId}}}","amount":20,"reason":"damaged"}}""";

    private static HttpRequestMessage Post(string path, string? body, string? contentType, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "text/plain");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    private async Task<decimal> RefundedAsync(string orderId)
    {
        await using var command = server.Database.DataSource.CreateCommand("SELECT coalesce(sum(amount), 0) FROM refunds WHERE order_id = $1");
        command.Parameters.AddWithValue(orderId);
        return (decimal)(await command.ExecuteScalarAsync())!;
    }

    private async Task<bool> PausedAsync()
    {
        using var status = JsonDocument.Parse(await server.Client.GetStringAsync("/api/sandbox/status"));
        return status.RootElement.GetProperty("paused").GetBoolean();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detailPart, body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_page_on_another_port_cannot_refund_with_the_founders_cookie_but_the_console_can()
    {
        await OrderRows.AddAsync(server.Database, "o_csrf_refund", 79.99m);

        // What a form post or a no-cors fetch from another port sends: no JSON content type, the other origin, the cookie.
        var untyped = Post("/api/gateway/actions", null, null, OtherPortOrigin);
        untyped.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RefundPacket("o_csrf_refund")));
        await AssertProblemAsync(await _founder.Client.SendAsync(untyped), HttpStatusCode.Forbidden, OtherPortOrigin);
        var forged = await _founder.Client.SendAsync(Post("/api/gateway/actions", RefundPacket("o_csrf_refund"), "text/plain", OtherPortOrigin));
        await AssertProblemAsync(forged, HttpStatusCode.Forbidden, OtherPortOrigin);
        var forgedJson = await _founder.Client.SendAsync(Post("/api/gateway/actions", RefundPacket("o_csrf_refund"), "application/json", OtherPortOrigin));
        Assert.Equal(HttpStatusCode.Forbidden, forgedJson.StatusCode);
        Assert.Equal(0m, await RefundedAsync("o_csrf_refund"));

        // The console's own page: same origin and a JSON body.
        var own = await _founder.Client.SendAsync(Post("/api/gateway/actions", RefundPacket("o_csrf_refund"), "application/json", _founder.OwnOrigin));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(20m, await RefundedAsync("o_csrf_refund"));
    }

    [Fact]
    public async Task A_page_on_another_port_cannot_pause_the_simulation()
    {
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/api/sandbox/resume", null)).StatusCode);
        Assert.False(await PausedAsync());

        await AssertProblemAsync(await _founder.Client.SendAsync(Post("/api/sandbox/pause", null, null, OtherPortOrigin)), HttpStatusCode.Forbidden, OtherPortOrigin);
        await AssertProblemAsync(await _founder.Client.SendAsync(Post("/api/sandbox/pause", "", "text/plain", OtherPortOrigin)), HttpStatusCode.Forbidden, OtherPortOrigin);
        Assert.False(await PausedAsync());

        var own = await _founder.Client.SendAsync(Post("/api/sandbox/pause", "", "application/json", _founder.OwnOrigin));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(await PausedAsync());
    }

    [Fact]
    public async Task A_same_origin_cookie_request_must_send_json()
    {
        await OrderRows.AddAsync(server.Database, "o_csrf_plain", 50m);
        var plain = await _founder.Client.SendAsync(Post("/api/gateway/actions", RefundPacket("o_csrf_plain"), "text/plain", _founder.OwnOrigin));
        await AssertProblemAsync(plain, HttpStatusCode.UnsupportedMediaType, "application/json");
        var form = await _founder.Client.SendAsync(Post("/api/sandbox/pause", "a=b", "application/x-www-form-urlencoded", _founder.OwnOrigin));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(0m, await RefundedAsync("o_csrf_plain"));
    }

    [Fact]
    public async Task Without_an_origin_a_cookie_request_needs_same_origin_fetch_metadata_or_an_antiforgery_token()
    {
        await OrderRows.AddAsync(server.Database, "o_csrf_no_origin", 60m);
        var bare = await _founder.Client.SendAsync(Post("/api/gateway/actions", RefundPacket("o_csrf_no_origin"), "application/json", null));
        await AssertProblemAsync(bare, HttpStatusCode.Forbidden, "antiforgery token");

        var sameSite = Post("/api/gateway/actions", RefundPacket("o_csrf_no_origin"), "application/json", null);
        sameSite.Headers.Add("Sec-Fetch-Site", "same-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await _founder.Client.SendAsync(sameSite)).StatusCode);
        var foreignReferer = Post("/api/gateway/actions", RefundPacket("o_csrf_no_origin"), "application/json", null);
        foreignReferer.Headers.Referrer = new Uri(OtherPortOrigin + "/attack.html");
        Assert.Equal(HttpStatusCode.Forbidden, (await _founder.Client.SendAsync(foreignReferer)).StatusCode);
        Assert.Equal(0m, await RefundedAsync("o_csrf_no_origin"));

        var withToken = Post("/api/gateway/actions", RefundPacket("o_csrf_no_origin"), "application/json", null);
        withToken.Headers.Add("RequestVerificationToken", await _founder.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await _founder.Client.SendAsync(withToken)).StatusCode);
        Assert.Equal(20m, await RefundedAsync("o_csrf_no_origin"));
    }

    [Fact]
    public async Task Api_key_callers_are_not_asked_for_an_origin_or_a_content_type()
    {
        var request = Post("/api/sandbox/pause", null, null, OtherPortOrigin);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/api/sandbox/resume", new StringContent("", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/api/sandbox/pause", null)).StatusCode);
    }
}
