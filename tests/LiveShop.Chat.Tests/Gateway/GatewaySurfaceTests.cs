using System.Net;
using System.Text;
using System.Text.Json;
using Bunit;
using LiveShop.Chat.Components.Approvals;
using LiveShop.Chat.Components.Pages;
using LiveShop.Chat.Tests.Components;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Gateway;

public sealed class GatewaySurfaceTests(LiveShopServer server) : IClassFixture<LiveShopServer>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var command = server.Database.DataSource.CreateCommand(
            """
            INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES
              (gen_random_uuid(), 'founder@liveshop.local', 'F', 'founder', now(), false),
              (gen_random_uuid(), 'approver@liveshop.local', 'A', 'approver', now(), false),
              (gen_random_uuid(), 'support@liveshop.local', 'S', 'support', now(), false)
            ON CONFLICT (email) DO NOTHING;
            INSERT INTO suppliers (id, name, country, lead_time_days, on_time_rate, status)
            VALUES ('sup_1', 'Acme', 'AU', 7, 95, 'active') ON CONFLICT DO NOTHING;
            INSERT INTO ledger_accounts (code, name, type) VALUES ('1000', 'Cash at bank', 'asset'), ('1200', 'Inventory', 'asset') ON CONFLICT DO NOTHING;
            """);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = server.Database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = server.Database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = server.DataDirectory,
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string body, string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/gateway/actions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var client = user is null ? server.AnonymousClient : await server.ClientForAsync(user);
        var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Unknown_callers_get_401_and_bad_packets_400()
    {
        var packet = """{"proposed_action":"draft_copy","parameters":{}}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(packet, null)).Status);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/gateway/actions") { Content = new StringContent(packet, Encoding.UTF8, "application/json") };
        forged.Headers.Authorization = new("Bearer", "lsk_not-a-key-anyone-was-given");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.AnonymousClient.SendAsync(forged)).StatusCode);

        var (status, body) = await PostAsync("""{"proposed_action": """, "founder@liveshop.local");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("malformed JSON", body.GetProperty("detail").GetString());
        var missing = await PostAsync("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1"}}""", "founder@liveshop.local");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }

    [Fact]
    public async Task An_L0_action_executes_and_a_supplier_payment_asked_by_an_approver_waits_for_approval()
    {
        var (status, body) = await PostAsync("""{"proposed_action":"draft_copy","parameters":{},"agent":"copywriter"}""", "support@liveshop.local");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("executed", body.GetProperty("status").GetString());
        Assert.Equal("allow", body.GetProperty("decision").GetString());
        Assert.Equal("L0", body.GetProperty("risk_level").GetString());
        Assert.StartsWith("recorded:", body.GetProperty("connector_reference").GetString());

        var pay = await PostAsync("""{"proposed_action":"pay_supplier","parameters":{"supplier_id":"sup_1","amount":120},"agent":"cfo"}""", "approver@liveshop.local");
        Assert.Equal(HttpStatusCode.OK, pay.Status);
        Assert.Equal("awaiting_approval", pay.Body.GetProperty("status").GetString());
        Assert.Equal("L2", pay.Body.GetProperty("risk_level").GetString());
        Assert.False(string.IsNullOrEmpty(pay.Body.GetProperty("approval_id").GetString()));
        Assert.True(pay.Body.GetProperty("verdict").GetProperty("proof").TryGetProperty("signature", out _));
    }

    [Fact]
    public async Task Cli_approves_and_rejects_as_named_users()
    {
        var first = (await PostAsync("""{"proposed_action":"pay_supplier","parameters":{"supplier_id":"sup_1","amount":80},"agent":"cfo"}""", "approver@liveshop.local")).Body;
        var firstId = first.GetProperty("approval_id").GetString()!;

        var bySupport = await CliProcess.RunAsync(["approvals", "approve", firstId, "--as", "support@liveshop.local"], Environment);
        Assert.Equal(1, bySupport.ExitCode);
        Assert.Contains("can never approve", bySupport.StandardError);
        var self = await CliProcess.RunAsync(["approvals", "approve", firstId, "--as", "approver@liveshop.local"], Environment);
        Assert.Equal(1, self.ExitCode);
        Assert.Contains("own request", self.StandardError);

        var byFounder = await CliProcess.RunAsync(["approvals", "approve", firstId, "--as", "founder@liveshop.local", "--reason", "invoice checked"], Environment);
        Assert.True(byFounder.ExitCode == 0, byFounder.StandardError + byFounder.StandardOutput);
        Assert.Contains("\"status\":\"executed\"", byFounder.StandardOutput);

        var second = (await PostAsync("""{"proposed_action":"pay_supplier","parameters":{"supplier_id":"sup_1","amount":90},"agent":"cfo"}""", "founder@liveshop.local")).Body;
        var secondId = second.GetProperty("approval_id").GetString()!;
        var noReason = await CliProcess.RunAsync(["approvals", "reject", secondId, "--as", "approver@liveshop.local"], Environment);
        Assert.Equal(2, noReason.ExitCode);
        var rejected = await CliProcess.RunAsync(["approvals", "reject", secondId, "--as", "approver@liveshop.local", "--reason", "duplicate invoice"], Environment);
        Assert.True(rejected.ExitCode == 0, rejected.StandardError);

        var list = await CliProcess.RunAsync(["approvals", "list", "--status", "rejected"], Environment);
        Assert.Contains(secondId, list.StandardOutput);
        Assert.DoesNotContain(firstId, list.StandardOutput);
        var badId = await CliProcess.RunAsync(["approvals", "show", "not-a-uuid"], Environment);
        Assert.Equal(2, badId.ExitCode);

        await using var command = server.Database.DataSource.CreateCommand("SELECT count(*) FROM journal_entries WHERE source_id = 'sup_1'");
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_rejection_on_the_CLI_shows_in_the_web_inbox_and_a_later_approval_is_refused_on_every_surface()
    {
        var id = (await PostAsync("""{"proposed_action":"pay_supplier","parameters":{"supplier_id":"sup_1","amount":60},"agent":"cfo"}""", "approver@liveshop.local"))
            .Body.GetProperty("approval_id").GetString()!;
        var rejected = await CliProcess.RunAsync(["approvals", "reject", id, "--as", "founder@liveshop.local", "--reason", "paid twice"], Environment);
        Assert.True(rejected.ExitCode == 0, rejected.StandardError);

        await using var context = ComponentHost.Create(server);
        var page = context.Render<Approvals>();
        AngleSharp.Dom.IElement? row = null;
        // The page loads its requests after the first render.
        page.WaitForAssertion(() => row = Assert.Single(page.FindAll("[data-testid=decided-approval]"), r => r.GetAttribute("data-approval-id") == id), TimeSpan.FromSeconds(10));
        Assert.Equal("rejected", row!.GetAttribute("data-status"));
        Assert.Contains("paid twice", row.TextContent);
        Assert.DoesNotContain(page.FindAll("[data-testid=approval-card]"), c => c.GetAttribute("data-approval-id") == id);

        var cli = await CliProcess.RunAsync(["approvals", "approve", id, "--as", "founder@liveshop.local"], Environment);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("already rejected by founder@liveshop.local", cli.StandardError);
        var service = server.Services.GetRequiredService<ApprovalService>();
        var record = (await service.GetAsync(Guid.Parse(id), CancellationToken.None))!;
        var card = context.Render<ApprovalCard>(p => p.Add(c => c.Approval, record));
        Assert.Empty(card.FindAll("[data-testid=approve]"));
        var late = await service.DecideAsync(new ApprovalDecisionRequest(record.ApprovalId, "founder@liveshop.local", ApprovalVote.Approve), CancellationToken.None);
        Assert.Equal(ApprovalDecisionStatus.Conflict, late.Status);
        Assert.Equal(ApprovalStatus.Rejected, (await service.GetAsync(record.ApprovalId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Support_may_not_file_a_supplier_payment_even_through_an_agent()
    {
        var (status, body) = await PostAsync("""{"proposed_action":"pay_supplier","parameters":{"supplier_id":"sup_1","amount":120},"agent":"cfo"}""", "support@liveshop.local");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("denied", body.GetProperty("status").GetString());
        Assert.Contains("the support role may not request pay_supplier", body.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("approval_id").ValueKind);
    }
}
