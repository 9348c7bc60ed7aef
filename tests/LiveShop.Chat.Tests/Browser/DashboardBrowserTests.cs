using LiveShop.Chat.Tests.Support;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class DashboardBrowserTests(SeededLiveShopServer server, Support.Browser browser)
    : IClassFixture<SeededLiveShopServer>, IClassFixture<Support.Browser>
{
    [Fact]
    public async Task A_newcomer_sees_the_seeded_business_in_a_real_browser()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Business at a glance" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=kpi-revenue] .value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$[1-9][\d,]*\.\d\d$"));
        await Assertions.Expect(page.Locator("[data-testid=top-products] tbody tr")).ToHaveCountAsync(5);
        await Support.Browser.SaveScreenshotAsync(page, "dashboard");
    }
}
