using System.Text.Json;
using LiveShop.Bench.Verbs.Loopback;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

/// <summary>
/// A page on another port of the same host (the same site, so the browser sends the sign-in cookie along) tries to
/// refund an order and pause the simulation with the signed-in founder's browser: nothing happens, and the console
/// itself keeps working, sign-out included.
/// </summary>
public sealed class CrossSiteBrowserTests(LiveShopServer server, Support.Browser browser)
    : IClassFixture<LiveShopServer>, IClassFixture<Support.Browser>, IAsyncLifetime
{
    private WebApplication? _attacker;

    public async Task InitializeAsync()
    {
        await OrderRows.AddAsync(server.Database, "o_cross_site", 79.99m);
        _attacker = LoopbackServers.CreateBuilder().Build();
        var target = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        _attacker.MapGet("/attack", () => Results.Content(AttackPage(target), "text/html"));
        await _attacker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_attacker is not null) await _attacker.DisposeAsync();
    }

    // The usual ways to post across origins without the browser asking first: no-cors fetches with a text/plain or
    // untyped body, and a text/plain form post into a hidden frame.
    private static string AttackPage(string target) => $$"""
        <!doctype html><html><body>
        <iframe name="sink"></iframe>
        <form id="pause" method="post" action="{{target}}/api/sandbox/pause" enctype="text/plain" target="sink"><input name='{"x":"' value='"}'></form>
        <script>
        (async () => {
          const packet = JSON.stringify({ proposed_action: "refund_order", parameters: { order_id: "o_cross_site", amount: 20, reason: "damaged" } });
          const post = (path, init) => fetch("{{target}}" + path, { method: "POST", mode: "no-cors", credentials: "include", ...init }).catch(() => {});
          await post("/api/gateway/actions", { headers: { "Content-Type": "text/plain" }, body: packet });
          await post("/api/gateway/actions", { body: new Blob([packet]) });
          await post("/api/sandbox/pause", {});
          document.querySelector("iframe").onload = () => document.title = "attack finished";
          document.getElementById("pause").submit();
        })();
        </script>
        </body></html>
        """;

    private async Task<bool> PausedAsync()
    {
        using var status = JsonDocument.Parse(await server.Client.GetStringAsync("/api/sandbox/status"));
        return status.RootElement.GetProperty("paused").GetBoolean();
    }

    private async Task<decimal> RefundedAsync()
    {
        await using var command = server.Database.DataSource.CreateCommand("SELECT coalesce(sum(amount), 0) FROM refunds WHERE order_id = 'o_cross_site'");
        return (decimal)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_page_on_another_port_cannot_refund_or_pause_with_the_founders_browser_and_the_console_still_works()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await server.Client.PostAsync("/api/sandbox/resume", null)).StatusCode);
        try
        {
            var console = await browser.OpenInteractiveAsync(server.BaseAddress, "/approvals");

            var attack = await console.Context.NewPageAsync();
            await attack.GotoAsync(_attacker!.ListenAddress() + "/attack");
            await attack.WaitForFunctionAsync("() => document.title === 'attack finished'", null, new() { Timeout = 30_000 });

            Assert.Equal(0m, await RefundedAsync());
            Assert.False(await PausedAsync());

            // The console on its own origin: still interactive after a reload, and its Sign out button signs out.
            await console.ReloadAsync();
            await Support.Browser.WaitForInteractiveAsync(console);
            await console.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await console.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
            await console.GotoAsync("/approvals");
            await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        }
        finally
        {
            await server.Client.PostAsync("/api/sandbox/pause", null);
        }
    }
}
