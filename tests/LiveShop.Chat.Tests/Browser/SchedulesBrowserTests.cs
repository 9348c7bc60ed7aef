using LiveShop.Chat.Tests.Support;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class SchedulesBrowserTests(LiveShopServer server, Support.Browser browser)
    : IClassFixture<LiveShopServer>, IClassFixture<Support.Browser>
{
    [Fact]
    public async Task On_a_phone_the_founder_pauses_resumes_edits_and_runs_a_job_and_a_bad_cron_is_explained()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/schedules");
        await page.SetViewportSizeAsync(390, 844);
        var job = page.Locator("[data-testid=schedule-product_scan]");
        await Assertions.Expect(job).ToContainTextAsync("active");

        // Nothing is wider than the phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the Schedules page scrolls sideways at 390 px");

        await page.Locator("[data-testid=pause-product_scan]").ClickAsync();
        await Assertions.Expect(job).ToContainTextAsync("paused");
        await page.Locator("[data-testid=resume-product_scan]").ClickAsync();
        await Assertions.Expect(job).ToContainTextAsync("active");

        await page.Locator("[data-testid=cron-product_scan]").FillAsync("every morning");
        await job.GetByRole(AriaRole.Button, new() { Name = "Save cron" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=schedules-message]")).ToContainTextAsync("not a valid cron expression");

        await page.Locator("[data-testid=cron-product_scan]").FillAsync("0 45 7 * * ?");
        await job.GetByRole(AriaRole.Button, new() { Name = "Save cron" }).ClickAsync();
        await Assertions.Expect(job).ToContainTextAsync("0 45 7 * * ?");

        await page.Locator("[data-testid=run-product_scan]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=schedules-message]")).ToContainTextAsync("product_scan will run now");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await Support.Browser.SaveScreenshotAsync(page, "schedules-390");
    }
}
