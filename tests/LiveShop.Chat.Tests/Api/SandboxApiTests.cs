using System.Net;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Api;

public sealed class SandboxApiTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    [Fact]
    public async Task Pause_and_resume_switch_simulated_time_and_status_shows_it()
    {
        var paused = await server.Client.PostAsync("/api/sandbox/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.True(await PausedAsync(paused));
        Assert.True(await PausedAsync(await server.Client.GetAsync("/api/sandbox/status")));

        var resumed = await server.Client.PostAsync("/api/sandbox/resume", null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.False(await PausedAsync(resumed));
        using var status = JsonDocument.Parse(await (await server.Client.GetAsync("/api/sandbox/status")).Content.ReadAsStringAsync());
        Assert.True(status.RootElement.GetProperty("enabled").GetBoolean());
        Assert.Equal(60, status.RootElement.GetProperty("speed").GetDouble());
        Assert.False(status.RootElement.TryGetProperty("traits", out _));
    }

    [Fact]
    public async Task Support_may_read_the_status_but_not_pause_the_simulation()
    {
        await using (var insert = server.Database.DataSource.CreateCommand("""
            INSERT INTO users (id, email, display_name, role, created_at, disabled)
            VALUES (gen_random_uuid(), 'sandbox-support@liveshop.local', 'S', 'support', now(), false) ON CONFLICT (email) DO NOTHING
            """))
            await insert.ExecuteNonQueryAsync();
        var support = await server.ClientForAsync("sandbox-support@liveshop.local");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/api/sandbox/resume", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/sandbox/status")).StatusCode);
        var pause = await support.PostAsync("/api/sandbox/pause", null);
        Assert.Equal(HttpStatusCode.Forbidden, pause.StatusCode);
        Assert.False(await PausedAsync(await server.Client.GetAsync("/api/sandbox/status")));
    }

    private static async Task<bool> PausedAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("paused").GetBoolean();
    }
}
