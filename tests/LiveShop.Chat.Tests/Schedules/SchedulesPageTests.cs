using System.Net;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Automation;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Schedules;

/// <summary>The Schedules page and the kill switch banner, as the server renders them.</summary>
public sealed class SchedulesPageTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    [Fact]
    public async Task The_founder_sees_every_job_with_its_actions_and_the_banner_shows_only_while_autonomy_is_off()
    {
        using var session = await CookieSession.SignedInAsync(server.BaseAddress, LiveShopServer.FounderEmail, LiveShopServer.FounderPassword);
        var page = await session.Client.GetStringAsync("/schedules");
        foreach (var job in new[] { "reconciliation", "order_sync", "product_scan" })
        {
            Assert.Contains($"data-testid=\"schedule-{job}\"", page);
            Assert.Contains($"data-testid=\"run-{job}\"", page);
        }
        Assert.Contains("data-testid=\"recent-runs\"", page);
        Assert.Contains("href=\"/schedules\"", page);
        Assert.DoesNotContain("data-testid=\"autonomy-banner\"", page);

        var autonomy = server.Services.GetRequiredService<AutonomySwitch>();
        Assert.True((await autonomy.SetAsync(false, LiveShopServer.FounderEmail)).Changed);
        try
        {
            Assert.Contains("data-testid=\"autonomy-banner\"", await session.Client.GetStringAsync("/"));
        }
        finally
        {
            await autonomy.SetAsync(true, LiveShopServer.FounderEmail);
        }
        Assert.DoesNotContain("data-testid=\"autonomy-banner\"", await session.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Through_the_api_only_the_founder_turns_autonomy_off_and_anyone_signed_in_reads_it()
    {
        await using (var insert = server.Database.DataSource.CreateCommand(
            "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), 'dev@api.test', 'D', 'developer', now(), false) ON CONFLICT (email) DO NOTHING"))
            await insert.ExecuteNonQueryAsync();
        var developer = await server.ClientForAsync("dev@api.test");

        var refused = await developer.PostAsync("/api/autonomy/off", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only the founder", await refused.Content.ReadAsStringAsync());
        Assert.True(JsonDocument.Parse(await developer.GetStringAsync("/api/autonomy")).RootElement.GetProperty("on").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.AnonymousClient.PostAsync("/api/autonomy/off", null)).StatusCode);

        var off = await server.Client.PostAsync("/api/autonomy/off", null);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        try
        {
            var status = JsonDocument.Parse(await developer.GetStringAsync("/api/autonomy")).RootElement;
            Assert.False(status.GetProperty("on").GetBoolean());
            Assert.Equal(LiveShopServer.FounderEmail, status.GetProperty("changed_by").GetString());
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/api/autonomy/on", null)).StatusCode);
        }
    }
}
