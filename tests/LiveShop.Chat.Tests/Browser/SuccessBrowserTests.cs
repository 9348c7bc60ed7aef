using LiveShop.Chat.Tests.Support;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class SuccessBrowserTests(SeededLiveShopServer server, Support.Browser browser)
    : IClassFixture<SeededLiveShopServer>, IClassFixture<Support.Browser>
{
    [Fact]
    public async Task The_success_page_shows_every_figure_says_when_one_has_no_data_and_fits_a_phone()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/success");
        await page.SetViewportSizeAsync(390, 844);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Success metrics" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid^=success-]")).ToHaveCountAsync(6);
        // The seeded business has sales but no executed action: the decision figures say so instead of showing 0.
        await Assertions.Expect(page.Locator("[data-testid=success-autonomy_rate] .value")).ToHaveTextAsync("no data");
        await Assertions.Expect(page.Locator("[data-testid=success-autonomy_rate] .basis")).ToContainTextAsync("no action was executed");
        await Assertions.Expect(page.Locator("[data-testid=success-cost_per_order] .value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$[1-9][\d,]*\.\d\d$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Success" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 390 px");
        await Support.Browser.SaveScreenshotAsync(page, "success-390");
    }
}
