using LiveShop.Chat.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class ChatBrowserTests(SeededLiveShopServer server, Support.Browser browser)
    : IClassFixture<SeededLiveShopServer>, IClassFixture<Support.Browser>
{
    private static async Task<ILocator> AskAsync(IPage page, string message)
    {
        var before = await page.GetByTestId("message-assistant").CountAsync();
        await page.GetByTestId("message-box").FillAsync(message);
        await page.GetByTestId("send").ClickAsync();
        var reply = page.GetByTestId("message-assistant").Nth(before);
        await Assertions.Expect(reply.GetByTestId("message-text")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });
        return reply;
    }

    [Fact]
    public async Task The_offline_planner_executes_a_small_refund_from_chat()
    {
        await OrderRows.AddAsync(server.Database, "o_990001", total: 120m);
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/chat");
        await Assertions.Expect(page.GetByTestId("model-label")).ToHaveTextAsync("offline planner");

        var reply = await AskAsync(page, "refund $40 on o_990001 because the parcel arrived damaged");

        var card = reply.GetByTestId("action-card");
        await Assertions.Expect(card.GetByTestId("action-status")).ToHaveTextAsync("executed");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-function", "refund_order");
        Assert.True(await card.GetByTestId("check").CountAsync() > 0);
        await Support.Browser.SaveScreenshotAsync(page, "chat-refund-40-executed");
        await using var db = server.Database.CreateContext();
        Assert.Equal(40m, await db.Refunds.Where(r => r.OrderId == "o_990001").SumAsync(r => r.Amount));
    }

    [Fact]
    public async Task A_large_refund_waits_for_the_founder_and_executes_once_approved_in_the_inbox()
    {
        await OrderRows.AddAsync(server.Database, "o_990002", total: 900m);
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/chat");

        var reply = await AskAsync(page, "refund $600 on o_990002");
        var card = reply.GetByTestId("action-card");
        await Assertions.Expect(card.GetByTestId("action-status")).ToHaveTextAsync("awaiting founder approval");
        await Support.Browser.SaveScreenshotAsync(page, "chat-refund-600-awaiting");

        var inbox = await page.Context.NewPageAsync();
        await inbox.GotoAsync("/approvals");
        await Support.Browser.WaitForInteractiveAsync(inbox);
        var pending = inbox.Locator("[data-testid=approval-card]").Filter(new() { HasText = "o_990002" });
        await pending.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(inbox.GetByTestId("decision-outcome")).ToHaveAttributeAsync("data-status", "executed");

        // The chat page learns of the decision made elsewhere without a reload.
        await Assertions.Expect(card.GetByTestId("action-status")).ToHaveTextAsync("executed", new() { Timeout = 15_000 });
        await Support.Browser.SaveScreenshotAsync(page, "chat-refund-600-executed");
        await using var db = server.Database.CreateContext();
        Assert.Equal(600m, await db.Refunds.Where(r => r.OrderId == "o_990002").SumAsync(r => r.Amount));
    }

    [Fact]
    public async Task The_founder_approves_inline_in_the_chat_card()
    {
        await OrderRows.AddAsync(server.Database, "o_990003", total: 900m);
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/chat");

        var card = (await AskAsync(page, "refund $700 on o_990003")).GetByTestId("action-card");
        await Assertions.Expect(card.GetByTestId("action-status")).ToHaveTextAsync("awaiting founder approval");
        await card.GetByTestId("approve").ClickAsync();

        await Assertions.Expect(card.GetByTestId("action-status")).ToHaveTextAsync("executed");
        await using var db = server.Database.CreateContext();
        Assert.Equal(700m, await db.Refunds.Where(r => r.OrderId == "o_990003").SumAsync(r => r.Amount));
    }

    [Fact]
    public async Task A_reopened_conversation_shows_its_action_card_with_the_status_reached_since()
    {
        await OrderRows.AddAsync(server.Database, "o_990004", total: 900m);
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/chat");
        var card = (await AskAsync(page, "refund $600 on o_990004")).GetByTestId("action-card");
        await Assertions.Expect(card.GetByTestId("action-status")).ToHaveTextAsync("awaiting founder approval");

        // Leave the chat, approve in the inbox, then come back to the conversation from the list.
        await page.GotoAsync("/approvals");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=approval-card]").Filter(new() { HasText = "o_990004" }).GetByTestId("approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decision-outcome")).ToHaveAttributeAsync("data-status", "executed");
        await page.GotoAsync("/chat");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.GetByTestId("conversation").Filter(new() { HasText = "refund $600 on o_990004" }).ClickAsync();

        var reopened = page.GetByTestId("message-assistant").Last.GetByTestId("action-card");
        await Assertions.Expect(reopened).ToHaveAttributeAsync("data-function", "refund_order");
        await Assertions.Expect(reopened.GetByTestId("action-status")).ToHaveTextAsync("executed");
        await Assertions.Expect(reopened.GetByTestId("action-risk")).ToHaveTextAsync("L3");
        await Assertions.Expect(reopened.GetByTestId("action-decision")).ToHaveTextAsync("require_approval");
        await Assertions.Expect(reopened.GetByTestId("action-arguments")).ToContainTextAsync("o_990004");
        Assert.True(await reopened.GetByTestId("check").CountAsync() > 0);
        await Assertions.Expect(reopened.GetByTestId("check").Filter(new() { HasText = "ESCALATE" }).First).ToBeVisibleAsync();
        await Support.Browser.SaveScreenshotAsync(page, "chat-reopened-refund-600-executed");
    }

    [Fact]
    public async Task A_reopened_conversation_shows_an_executed_card_with_its_checks()
    {
        await OrderRows.AddAsync(server.Database, "o_990005", total: 120m);
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/chat");
        var live = (await AskAsync(page, "refund $30 on o_990005 because it arrived late")).GetByTestId("action-card");
        await Assertions.Expect(live.GetByTestId("action-status")).ToHaveTextAsync("executed");
        var liveChecks = await live.GetByTestId("check").AllInnerTextsAsync();

        await page.GetByTestId("new-conversation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-assistant")).ToHaveCountAsync(0);
        await page.GetByTestId("conversation").Filter(new() { HasText = "refund $30 on o_990005" }).ClickAsync();

        var reopened = page.GetByTestId("message-assistant").Last.GetByTestId("action-card");
        await Assertions.Expect(reopened.GetByTestId("action-status")).ToHaveTextAsync("executed");
        Assert.Equal(liveChecks, await reopened.GetByTestId("check").AllInnerTextsAsync());
        Assert.NotEmpty(liveChecks);
    }
}
