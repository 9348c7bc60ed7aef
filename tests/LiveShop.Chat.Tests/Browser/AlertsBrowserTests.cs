using LiveShop.Chat.Tests.Alerts;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Automation.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class AlertsBrowserTests(LiveShopServer server, Support.Browser browser)
    : IClassFixture<LiveShopServer>, IClassFixture<Support.Browser>
{
    [Fact]
    public async Task On_a_phone_the_founder_reads_acknowledges_and_resolves_an_alert_and_filters_by_status()
    {
        var store = server.Services.GetRequiredService<AlertStore>();
        var alert = (await store.RaiseAsync(AlertSamples.RefundSpike("p_phone"), TimeSpan.FromDays(3), CancellationToken.None))!;
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/alerts");
        await page.SetViewportSizeAsync(390, 844);
        var card = page.Locator($"[data-testid=alert-{alert.AlertId}]");
        await Assertions.Expect(card).ToContainTextAsync("Refund spike");
        await Assertions.Expect(card).ToContainTextAsync("was 0.31, expected 0.02–0.08, from 2026-11-20 to 2026-11-26");
        await Assertions.Expect(page.Locator("[data-testid=open-alerts]")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the Alerts page scrolls sideways at 390 px");

        await page.Locator($"[data-testid=ack-{alert.AlertId}]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=alert-status]")).ToHaveTextAsync("acknowledged");
        await Assertions.Expect(page.Locator("[data-testid=open-alerts]")).ToHaveCountAsync(0); // the badge follows at once
        await page.Locator("[data-testid=filter-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-alerts]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=filter-acknowledged]").ClickAsync();
        await page.Locator($"[data-testid=resolve-{alert.AlertId}]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-alerts]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=filter-resolved]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=alert-status]")).ToHaveTextAsync("resolved");
        Assert.Equal(LiveShopServer.FounderEmail, (await store.ListAsync(AlertStatus.Resolved, 10, CancellationToken.None)).Single().ResolvedBy);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await Support.Browser.SaveScreenshotAsync(page, "alerts-390");
    }
}
