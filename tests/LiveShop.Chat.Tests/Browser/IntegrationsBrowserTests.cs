using LiveShop.Chat.Tests.Integrations;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class IntegrationsBrowserTests(StripeConfiguredServer server, Support.Browser browser)
    : IClassFixture<StripeConfiguredServer>, IClassFixture<Support.Browser>
{
    [Fact]
    public async Task The_founder_sees_which_integrations_are_live_and_which_are_sandbox()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/integrations");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=integration-stripe] [data-testid=integration-state]")).ToHaveTextAsync("Live credentials awaiting connection");
        await Assertions.Expect(page.Locator("[data-testid=integration-shopify] [data-testid=integration-state]")).ToHaveTextAsync("Sandbox");
        await Assertions.Expect(page.Locator("[data-testid=integration-amazon]")).ToContainTextAsync("contract + sandbox");
        await Assertions.Expect(page.Locator("[data-testid=integrations-payments] tbody tr")).ToHaveCountAsync(3);
        Assert.DoesNotContain(StripeConfiguredServer.SecretKey, await page.ContentAsync());
        await Support.Browser.SaveScreenshotAsync(page, "integrations");
    }
}
