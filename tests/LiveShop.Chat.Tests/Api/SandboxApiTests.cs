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

    private static async Task<bool> PausedAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("paused").GetBoolean();
    }
}
