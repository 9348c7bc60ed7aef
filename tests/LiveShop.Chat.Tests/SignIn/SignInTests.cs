using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveShop.Chat.SignIn;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.SignIn;

public sealed class SignInTests(FakeClockLiveShopServer server) : IClassFixture<FakeClockLiveShopServer>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = server.Database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = server.Database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = server.DataDirectory,
    };

    [Fact]
    public async Task Apis_answer_401_problem_json_without_sign_in_and_pages_redirect_to_the_sign_in_page()
    {
        var api = await server.AnonymousClient.GetAsync("/api/sandbox/status");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var page = await noRedirects.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery);

        var signIn = await noRedirects.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("name=\"password\"", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await server.AnonymousClient.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task An_api_key_signs_in_until_it_is_revoked()
    {
        var registry = new ApiKeyRegistry(() => LiveShopDataSource.CreateContext(server.Database.DataSource), server.Clock);
        var created = (await registry.CreateAsync(LiveShopServer.FounderEmail, "revocable", CancellationToken.None))!.Value;
        Assert.StartsWith("lsk_", created.Key);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sandbox/status")).StatusCode);

        // Same prefix, different secret: found by prefix, refused by the hash comparison.
        using var tampered = new HttpClient { BaseAddress = server.BaseAddress };
        tampered.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Key[..^2] + (created.Key.EndsWith("AA") ? "BB" : "AA"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("/api/sandbox/status")).StatusCode);

        // Revoked by another registry (as another process would): the host trusts its confirmation for a bounded time only.
        Assert.True(await registry.RevokeAsync(created.Info.Id, CancellationToken.None));
        await AssertRefusedWithinCacheLifetimeAsync(client);
        var listed = Assert.Single(await registry.ListAsync(LiveShopServer.FounderEmail, CancellationToken.None), k => k.Id == created.Info.Id);
        Assert.NotNull(listed.RevokedAt);
    }

    [Fact]
    public async Task A_key_revoked_through_the_host_is_refused_at_once_though_it_was_just_trusted()
    {
        var key = await server.CreateApiKeyAsync(LiveShopServer.FounderEmail);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sandbox/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sandbox/status")).StatusCode);

        var registry = server.Services.GetRequiredService<ApiKeyRegistry>();
        var id = Assert.Single(await registry.ListAsync(LiveShopServer.FounderEmail, CancellationToken.None), k => key.StartsWith(k.Prefix) && k.RevokedAt is null).Id;
        Assert.True(await registry.RevokeAsync(id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sandbox/status")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_s_key_stops_working_within_the_cache_lifetime()
    {
        await using (var db = LiveShopDataSource.CreateContext(server.Database.DataSource))
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), 'leaver@liveshop.local', 'L', 'support', now(), false) ON CONFLICT (email) DO NOTHING");
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.CreateApiKeyAsync("leaver@liveshop.local"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sandbox/status")).StatusCode);

        await using (var db = LiveShopDataSource.CreateContext(server.Database.DataSource))
            await db.Database.ExecuteSqlRawAsync("UPDATE users SET disabled = true WHERE email = 'leaver@liveshop.local'");
        await AssertRefusedWithinCacheLifetimeAsync(client);
    }

    // A revocation or disabling done outside the host reaches it once Auth:ApiKeyCacheLifetime (5 s by default) has passed
    // on the host's clock, however long the machine took to get here.
    private async Task AssertRefusedWithinCacheLifetimeAsync(HttpClient client)
    {
        server.FakeClock.Advance(new AuthOptions().ApiKeyCacheLifetime);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sandbox/status")).StatusCode);
    }

    [Fact]
    public async Task Cli_creates_lists_and_revokes_keys_and_sets_passwords()
    {
        var created = await CliProcess.RunAsync(["apikey", "create", "--user", LiveShopServer.FounderEmail, "--name", "ci"], Environment);
        Assert.Equal(0, created.ExitCode);
        var key = created.StandardOutput.Trim();
        Assert.Matches("^lsk_[A-Za-z0-9_-]{43}$", key);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sandbox/status")).StatusCode);

        var list = await CliProcess.RunAsync(["apikey", "list", "--user", LiveShopServer.FounderEmail], Environment);
        var line = Assert.Single(list.StandardOutput.Split('\n'), l => l.Contains(" ci "));
        Assert.DoesNotContain(key, list.StandardOutput);
        var revoked = await CliProcess.RunAsync(["apikey", "revoke", line.Split(' ')[0]], Environment);
        Assert.Equal(0, revoked.ExitCode);
        await AssertRefusedWithinCacheLifetimeAsync(client);

        Assert.Equal(1, (await CliProcess.RunAsync(["apikey", "create", "--user", "nobody@liveshop.local"], Environment)).ExitCode);
        var password = await CliProcess.RunAsync(["users", "set-password", "--user", LiveShopServer.FounderEmail, "--generate"], Environment);
        Assert.Equal(0, password.ExitCode);
        Assert.Matches($"^sign-in: {LiveShopServer.FounderEmail} / \\S{{20}}$", password.StandardOutput.Trim());
        await server.SetPasswordAsync(LiveShopServer.FounderEmail, LiveShopServer.FounderPassword);
    }

    private async Task<(HttpClient Browser, HttpResponseMessage Answer)> SignInWithFormAsync(string email, string password)
    {
        var session = CookieSession.Open(server.BaseAddress);
        return (session.Client, await session.SignInAsync(email, password));
    }

    [Theory]
    [InlineData("/approvals", "/approvals")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/ok\u0001", "/")]
    [InlineData("/ok\r\nSet-Cookie: x=1", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("http://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public async Task The_return_url_is_followed_only_to_a_path_on_this_host_and_never_fails(string escaped, string expected)
    {
        var returnUrl = System.Text.RegularExpressions.Regex.Unescape(escaped);
        using var session = CookieSession.Open(server.BaseAddress);
        var answer = await session.SignInAsync(LiveShopServer.FounderEmail, LiveShopServer.FounderPassword, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(expected, answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_form_sets_a_cookie_that_a_password_change_ends()
    {
        var (refused, wrong) = await SignInWithFormAsync(LiveShopServer.FounderEmail, "wrong-password-here");
        Assert.StartsWith("/signin?error=1", wrong.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await refused.GetAsync("/approvals")).StatusCode);

        await using (var insert = server.Database.DataSource.CreateCommand(
            "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), 'approver@liveshop.local', 'A', 'approver', now(), false) ON CONFLICT (email) DO NOTHING"))
            await insert.ExecuteNonQueryAsync();
        await server.SetPasswordAsync("approver@liveshop.local", "approver-password-1");
        var (browser, answer) = await SignInWithFormAsync("approver@liveshop.local", "approver-password-1");
        Assert.Equal("/approvals", answer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/approvals")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/sandbox/status")).StatusCode);

        await server.SetPasswordAsync("approver@liveshop.local", "approver-password-2");
        var after = await browser.GetAsync("/approvals");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location!.PathAndQuery);
        refused.Dispose();
        browser.Dispose();
    }

    [Fact]
    public async Task A_founder_approved_access_change_ends_the_users_sign_in()
    {
        await using (var insert = server.Database.DataSource.CreateCommand(
            "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), 'helpdesk@liveshop.local', 'H', 'support', now(), false) ON CONFLICT (email) DO NOTHING"))
            await insert.ExecuteNonQueryAsync();
        await server.SetPasswordAsync("helpdesk@liveshop.local", "helpdesk-password-1");
        var (browser, _) = await SignInWithFormAsync("helpdesk@liveshop.local", "helpdesk-password-1");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/sandbox/status")).StatusCode);

        var pipeline = server.Services.GetRequiredService<LiveShop.Kernel.Actions.ActionPipeline>();
        var requested = await pipeline.SubmitAsync(LiveShop.Kernel.Verification.ActionPacket.Create("modify_account_access",
            new { user = "helpdesk@liveshop.local", role = "approver" }) with { RequestedBy = "agent:security_compliance" });
        Assert.Equal(LiveShop.Kernel.Actions.ActionStatus.AwaitingApproval, requested.Status);
        var executed = await pipeline.ApproveAndExecuteAsync(requested.ApprovalId!.Value, LiveShopServer.FounderEmail, null, default);
        Assert.Equal(LiveShop.Kernel.Actions.ActionStatus.Executed, executed.Outcome!.Status);

        var after = await browser.GetAsync("/api/sandbox/status");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        browser.Dispose();
    }

    [Fact]
    public async Task A_user_disabled_through_an_approved_access_change_loses_their_just_trusted_api_key_at_once()
    {
        await using (var insert = server.Database.DataSource.CreateCommand(
            "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), 'departed@liveshop.local', 'D', 'support', now(), false) ON CONFLICT (email) DO NOTHING"))
            await insert.ExecuteNonQueryAsync();
        using var client = await server.ClientForAsync("departed@liveshop.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sandbox/status")).StatusCode);

        var pipeline = server.Services.GetRequiredService<LiveShop.Kernel.Actions.ActionPipeline>();
        var requested = await pipeline.SubmitAsync(LiveShop.Kernel.Verification.ActionPacket.Create("modify_account_access",
            new { user = "departed@liveshop.local", disabled = true }) with { RequestedBy = "agent:security_compliance" });
        var executed = await pipeline.ApproveAndExecuteAsync(requested.ApprovalId!.Value, LiveShopServer.FounderEmail, null, default);
        Assert.Equal(LiveShop.Kernel.Actions.ActionStatus.Executed, executed.Outcome!.Status);

        // Within the key cache's lifetime, yet refused: the change was made in this host.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sandbox/status")).StatusCode);
    }

    [Fact]
    public async Task First_run_prints_a_generated_founder_password_once()
    {
        var database = new LiveShop.Testing.TestDatabase();
        await database.InitializeAsync();
        try
        {
            await FirstRunAsync(database);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task FirstRunAsync(LiveShop.Testing.TestDatabase database)
    {
        Func<LiveShop.Memory.Data.LiveShopDbContext> contexts = () => LiveShopDataSource.CreateContext(database.DataSource);
        var console = new StringWriter();

        await FounderAccount.EnsureAsync(contexts, new AuthOptions(), TimeProvider.System, console, CancellationToken.None);
        await FounderAccount.EnsureAsync(contexts, new AuthOptions(), TimeProvider.System, console, CancellationToken.None);

        var printed = Assert.Single(console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var password = printed.Split(" / ")[1].Trim();
        await using var context = contexts();
        var founder = context.Users.Single(u => u.Email == "founder@liveshop.local");
        Assert.Equal("founder", founder.Role);
        Assert.True(UserPasswords.Matches(founder, password));
        Assert.False(UserPasswords.Matches(founder, "something-else"));
    }
}
