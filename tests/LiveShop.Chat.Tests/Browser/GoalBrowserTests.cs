using LiveShop.Chat.Tests.Support;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class GoalBrowserTests(GoalWorkerServer server, Support.Browser browser)
    : IClassFixture<GoalWorkerServer>, IClassFixture<Support.Browser>
{
    [Fact]
    public async Task A_goal_chatted_in_the_browser_shows_its_tasks_moving_to_done_without_a_reload_and_again_when_reopened()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/chat");
        await page.GetByTestId("message-box").FillAsync("reduce ad spend 10% over 30 days");
        await page.GetByTestId("send").ClickAsync();

        var goal = page.GetByTestId("message-assistant").Last.GetByTestId("goal");
        await Assertions.Expect(goal.GetByTestId("goal-task")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        // The worker runs the tasks in the background; the panel follows on the page's refresh.
        await Assertions.Expect(goal).ToHaveAttributeAsync("data-status", "done", new() { Timeout = 30_000 });
        await Assertions.Expect(goal.Locator("[data-testid=goal-task][data-status=done]")).ToHaveCountAsync(2);
        await Support.Browser.SaveScreenshotAsync(page, "chat-goal-tasks-done");

        await page.GotoAsync("/goals");
        await Support.Browser.WaitForInteractiveAsync(page);
        var listed = page.GetByTestId("goal").Filter(new() { HasText = "reduce ad spend 10% over 30 days" }).First;
        await Assertions.Expect(listed).ToHaveAttributeAsync("data-status", "done");
        await Assertions.Expect(listed.GetByTestId("goal-task-result").First).Not.ToBeEmptyAsync();

        // Back in the chat, the re-opened conversation shows the goal with its tasks again.
        await page.GotoAsync("/chat");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.GetByTestId("conversation").Filter(new() { HasText = "reduce ad spend 10% over 30 days" }).First.ClickAsync();
        var reopened = page.GetByTestId("message-assistant").Last.GetByTestId("goal");
        await Assertions.Expect(reopened).ToHaveAttributeAsync("data-status", "done");
        await Assertions.Expect(reopened.Locator("[data-testid=goal-task][data-status=done]")).ToHaveCountAsync(2);
        await Support.Browser.SaveScreenshotAsync(page, "chat-reopened-goal-done");
    }
}
