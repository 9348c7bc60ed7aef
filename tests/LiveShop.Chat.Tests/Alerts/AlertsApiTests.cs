using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Automation.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Alerts;

/// <summary>/api/alerts and the console's Alerts page over the real host.</summary>
public sealed class AlertsApiTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private AlertStore Store => server.Services.GetRequiredService<AlertStore>();

    [Fact]
    public async Task Alerts_are_listed_newest_first_and_acknowledged_and_resolved_as_the_authenticated_caller()
    {
        var older = (await Store.RaiseAsync(AlertSamples.RefundSpike("p_api_1"), TimeSpan.FromDays(3), CancellationToken.None))!;
        var newer = (await Store.RaiseAsync(AlertSamples.RefundSpike("p_api_2"), TimeSpan.FromDays(3), CancellationToken.None))!;

        using var list = JsonDocument.Parse(await server.Client.GetStringAsync("/api/alerts?status=open"));
        var ids = list.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("alert_id").GetGuid()).ToList();
        Assert.True(ids.IndexOf(newer.AlertId) < ids.IndexOf(older.AlertId) && ids.IndexOf(newer.AlertId) >= 0, string.Join(",", ids));
        var shown = list.RootElement.GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("alert_id").GetGuid() == older.AlertId);
        Assert.Equal(AlertSamples.Seen("p_api_1"), shown.GetProperty("seen").GetString());
        var openBefore = list.RootElement.GetProperty("open").GetInt32();

        // A body naming someone else changes nothing: the caller is who the API key says.
        var ack = await server.Client.PostAsync($"/api/alerts/{older.AlertId}/acknowledge", Json("""{"by":"someone@else.test"}"""));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using (var moved = JsonDocument.Parse(await ack.Content.ReadAsStringAsync()))
            Assert.Equal(LiveShopServer.FounderEmail, moved.RootElement.GetProperty("by").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsync($"/api/alerts/{older.AlertId}/acknowledge", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"/api/alerts/{older.AlertId}/resolve", Json("{}"))).StatusCode);

        var stored = (await Store.ListAsync(AlertStatus.Resolved, 100, CancellationToken.None)).Single(a => a.AlertId == older.AlertId);
        Assert.Equal((LiveShopServer.FounderEmail, LiveShopServer.FounderEmail), (stored.AcknowledgedBy, stored.ResolvedBy));
        using var after = JsonDocument.Parse(await server.Client.GetStringAsync("/api/alerts"));
        Assert.Equal(openBefore - 1, after.RootElement.GetProperty("open").GetInt32());
    }

    [Theory]
    [InlineData("/api/alerts?status=sleeping", "status")]
    [InlineData("/api/alerts?limit=0", "limit")]
    public async Task A_bad_filter_is_a_problem_naming_the_field(string path, string field)
    {
        var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_bad_id_is_a_problem_naming_the_field_and_an_unknown_one_changes_nothing()
    {
        var response = await server.Client.PostAsync("/api/alerts/42/resolve", Json("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("id", Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsync($"/api/alerts/{Guid.NewGuid()}/resolve", Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task Alerts_are_for_the_signed_in_and_a_cookie_post_from_elsewhere_is_refused()
    {
        var alert = (await Store.RaiseAsync(AlertSamples.RefundSpike("p_api_csrf"), TimeSpan.FromDays(3), CancellationToken.None))!;
        var anonymous = await server.AnonymousClient.GetAsync("/api/alerts");
        Assert.True(anonymous.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found, anonymous.StatusCode.ToString());
        var anonymousAck = await server.AnonymousClient.PostAsync($"/api/alerts/{alert.AlertId}/acknowledge", Json("{}"));
        Assert.True(anonymousAck.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found, anonymousAck.StatusCode.ToString());

        using var session = await CookieSession.SignedInAsync(server.BaseAddress, LiveShopServer.FounderEmail, LiveShopServer.FounderPassword);
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{alert.AlertId}/acknowledge") { Content = Json("{}") };
        forged.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.SendAsync(forged)).StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{alert.AlertId}/acknowledge") { Content = Json("{}") };
        own.Headers.Add("Origin", session.OwnOrigin);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.SendAsync(own)).StatusCode);
        Assert.Equal(AlertStatus.Acknowledged, (await Store.ListAsync(null, 1000, CancellationToken.None)).Single(a => a.AlertId == alert.AlertId).Status);
    }

    [Fact]
    public async Task The_page_says_what_was_seen_and_the_navigation_counts_the_open_alerts()
    {
        var alert = (await Store.RaiseAsync(AlertSamples.RefundSpike("p_page"), TimeSpan.FromDays(3), CancellationToken.None))!;
        using var session = await CookieSession.SignedInAsync(server.BaseAddress, LiveShopServer.FounderEmail, LiveShopServer.FounderPassword);
        var page = WebUtility.HtmlDecode(await session.Client.GetStringAsync("/alerts"));
        Assert.Contains($"data-testid=\"alert-{alert.AlertId}\"", page);
        Assert.Contains(AlertSamples.Seen("p_page"), page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"data-testid=\"ack-{alert.AlertId}\"", page);
        var open = await Store.CountOpenAsync(CancellationToken.None);
        Assert.Matches($"data-testid=\"open-alerts\"[^>]*>{open}<", page);
        Assert.DoesNotContain("@if", page); // the navigation renders the badge, not its markup
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
