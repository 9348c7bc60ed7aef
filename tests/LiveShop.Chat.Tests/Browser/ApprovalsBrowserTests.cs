using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class ApprovalsBrowserTests(SeededLiveShopServer server, Support.Browser browser)
    : IClassFixture<SeededLiveShopServer>, IClassFixture<Support.Browser>
{
    private const string Approver = "approver@liveshop.local";
    private const string SupportUser = "support@liveshop.local";

    /// <summary>An agent proposes, for the approver, a refund above the founder threshold: held for the founder.</summary>
    private async Task<string> PendingFounderRefundAsync(string orderId, decimal amount)
    {
        await OrderRows.AddAsync(server.Database, orderId, total: 900m);
        var client = await server.ClientForAsync(Approver);
        var response = await client.PostAsJsonAsync("/api/gateway/actions", new Dictionary<string, object>
        {
            ["proposed_action"] = "refund_order",
            ["parameters"] = new Dictionary<string, object> { ["order_id"] = orderId, ["amount"] = amount, ["reason"] = "damaged in transit" },
            ["agent"] = "returns_refunds",
        });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        Assert.Equal("awaiting_approval", body.GetProperty("status").GetString());
        Assert.Equal("L3", body.GetProperty("risk_level").GetString());
        return body.GetProperty("approval_id").GetString()!;
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_signs_nobody_in()
    {
        var page = await browser.OpenSignInAsync(server.BaseAddress, "/approvals");
        await Support.Browser.SubmitSignInAsync(page, LiveShopServer.FounderEmail, "not-the-password");

        await Assertions.Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("Wrong email or password.");
        Assert.Contains("/signin", page.Url);
        await Support.Browser.SaveScreenshotAsync(page, "signin-wrong-password");
    }

    [Fact]
    public async Task The_founder_approves_a_pending_L3_refund_in_the_inbox_and_it_executes()
    {
        var approvalId = await PendingFounderRefundAsync("o_inbox_approve", 600m);
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/approvals");

        var card = page.Locator($"[data-testid=approval-card][data-approval-id='{approvalId}']");
        await Assertions.Expect(card.GetByTestId("risk-level")).ToHaveTextAsync("L3");
        await Assertions.Expect(card.GetByTestId("required-approver")).ToHaveTextAsync("the founder");
        await Assertions.Expect(card.GetByTestId("parameters")).ToContainTextAsync("amount: 600");
        Assert.True(await card.GetByTestId("check").CountAsync() > 0);
        await Support.Browser.SaveScreenshotAsync(page, "approvals-pending-l3");

        await card.GetByTestId("approve").ClickAsync();

        await Assertions.Expect(page.GetByTestId("decision-outcome")).ToHaveAttributeAsync("data-status", "executed");
        await Assertions.Expect(page.Locator($"[data-testid=decided-approval][data-approval-id='{approvalId}']")).ToHaveAttributeAsync("data-status", "executed");
        await Support.Browser.SaveScreenshotAsync(page, "approvals-executed");
        await using var db = server.Database.CreateContext();
        Assert.Equal(600m, await db.Refunds.Where(r => r.OrderId == "o_inbox_approve").SumAsync(r => r.Amount));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason()
    {
        var approvalId = await PendingFounderRefundAsync("o_inbox_reject", 550m);
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/approvals");
        var card = page.Locator($"[data-testid=approval-card][data-approval-id='{approvalId}']");

        await card.GetByTestId("reject").ClickAsync();
        await Assertions.Expect(card.GetByTestId("decision-validation")).ToHaveTextAsync("Give a reason to reject.");
        await card.GetByTestId("decision-reason").FillAsync("customer kept the item");
        await card.GetByTestId("reject").ClickAsync();

        await Assertions.Expect(page.GetByTestId("decision-outcome")).ToHaveAttributeAsync("data-status", "rejected");
        await using var db = server.Database.CreateContext();
        Assert.False(await db.Refunds.AnyAsync(r => r.OrderId == "o_inbox_reject"));
    }

    [Fact]
    public async Task Support_sees_the_request_but_cannot_approve_it()
    {
        var approvalId = await PendingFounderRefundAsync("o_inbox_support", 700m);
        await server.SetPasswordAsync(SupportUser, "support-test-password");
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/approvals", SupportUser, "support-test-password");

        var card = page.Locator($"[data-testid=approval-card][data-approval-id='{approvalId}']");
        await Assertions.Expect(card.GetByTestId("cannot-decide")).ToContainTextAsync("support role");
        Assert.Equal(0, await card.GetByTestId("approve").CountAsync());
        await Support.Browser.SaveScreenshotAsync(page, "approvals-support-cannot-approve");
        await using var db = server.Database.CreateContext();
        Assert.Equal("pending", (await db.Approvals.SingleAsync(a => a.Id == Guid.Parse(approvalId))).Status);
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page_and_closes_the_console()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/approvals");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(LiveShopServer.FounderEmail);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/approvals");

        Assert.Contains("/signin?ReturnUrl=%2Fapprovals", page.Url);
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
    }
}
