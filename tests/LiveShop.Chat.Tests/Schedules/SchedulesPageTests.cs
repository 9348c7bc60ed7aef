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
}
