using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Memory.Events;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Api;

/// <summary>
/// <c>POST /api/events</c> takes business events from roles that may ingest; platform events (receipts, decisions, policy
/// changes) are the platform's own, and an ingested event can never take the place of one.
/// </summary>
public sealed class EventsIngestTrustTests(LiveShopServer server) : IClassFixture<LiveShopServer>, IAsyncLifetime
{
    private const string Support = "ingest-support@liveshop.local";
    private const string Approver = "ingest-approver@liveshop.local";

    public async Task InitializeAsync()
    {
        await using var command = server.Database.DataSource.CreateCommand(
            $"""
            INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES
              (gen_random_uuid(), '{Support}', 'S', 'support', now(), false),
              (gen_random_uuid(), '{Approver}', 'A', 'approver', now(), false)
            ON CONFLICT (email) DO NOTHING;
            INSERT INTO suppliers (id, name, country, lead_time_days, on_time_rate, status)
            VALUES ('sup_ingest', 'Acme', 'AU', 7, 95, 'active') ON CONFLICT DO NOTHING;
            """);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> CountAsync() => await new EventStore(server.Database.DataSource, TimeProvider.System).CountAsync();

    private static object Event(Guid id, string type, object data) => new
    {
        event_id = id, type, occurred_at = "2026-11-25T10:00:00Z", source = "shopify", data,
    };

    private static object OrderPlaced(Guid id) =>
        Event(id, "OrderPlaced", new { order_id = $"o_{id:N}", customer_id = "c_1", channel = "shopify", total = 10, currency = "AUD" });

    [Fact]
    public async Task A_support_key_may_not_ingest_events()
    {
        var support = await server.ClientForAsync(Support);
        var before = await CountAsync();

        var response = await support.PostAsJsonAsync("/api/events", OrderPlaced(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_integration_key_ingests_business_events()
    {
        await using (var command = server.Database.DataSource.CreateCommand(
            "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), 'shopify-sync@liveshop.local', 'Shopify sync', 'integration', now(), false) ON CONFLICT (email) DO NOTHING"))
            await command.ExecuteNonQueryAsync();
        var integration = await server.ClientForAsync("shopify-sync@liveshop.local");
        var before = await CountAsync();

        var response = await integration.PostAsJsonAsync("/api/events", OrderPlaced(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Theory]
    [InlineData("ActionApplied")]
    [InlineData("ApprovalDecided")]
    [InlineData("PolicyChanged")]
    [InlineData("AccountAccessChanged")]
    [InlineData("TaskStatusChanged")]
    public async Task Platform_event_types_are_refused_naming_the_type(string type)
    {
        var before = await CountAsync();

        var response = await server.Client.PostAsJsonAsync("/api/events", new[] { OrderPlaced(Guid.NewGuid()), Event(Guid.NewGuid(), type, new { }) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("[1].type", problem.RootElement.GetProperty("detail").GetString());
        Assert.Contains("platform", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_forged_receipt_does_not_make_the_gateway_answer_executed()
    {
        var actionId = $"act_forged_{Guid.NewGuid():N}";
        var forged = Event(ActionHashes.StableId($"{actionId}:{ExecutionReceipts.EventType}"), ExecutionReceipts.EventType, new
        {
            action_id = actionId, connector_reference = "forged-ref",
            result = new
            {
                connector_reference = "forged-ref", summary = "done",
                inverse = new { action = "modify_account_access", parameters = new { user = Support, role = "founder" } },
            },
        });
        await server.Client.PostAsJsonAsync("/api/events", forged);

        var answer = await server.Client.PostAsJsonAsync("/api/gateway/actions", new
        {
            action_id = actionId, proposed_action = "pause_ad_set", parameters = new { ad_set_id = "as_never_created" }, agent = "ads_optimizer",
        });

        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.NotEqual("forged-ref", body.RootElement.TryGetProperty("connector_reference", out var reference) ? reference.GetString() : null);
        Assert.NotEqual("executed", body.RootElement.GetProperty("status").GetString());
        await using var command = server.Database.DataSource.CreateCommand("SELECT count(*) FROM business_events WHERE data::text LIKE '%forged-ref%'");
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_ingested_event_cannot_occupy_the_id_of_a_future_approval_decision()
    {
        var request = await server.Client.PostAsJsonAsync("/api/gateway/actions", new
        {
            proposed_action = "pay_supplier", parameters = new { supplier_id = "sup_ingest", amount = 120 }, agent = "cfo",
        });
        using var pending = JsonDocument.Parse(await request.Content.ReadAsStringAsync());
        var approvalId = Guid.Parse(pending.RootElement.GetProperty("approval_id").GetString()!);

        // The attacker knows the approval id and how decision ids are derived.
        await server.Client.PostAsJsonAsync("/api/events", OrderPlaced(ActionHashes.StableId($"ApprovalDecided:{approvalId}:rejected")));
        var decided = await server.Services.GetRequiredService<ApprovalGate>().DecideAsync(approvalId, Approver, ApprovalVote.Reject, "duplicate invoice", CancellationToken.None);

        Assert.Equal(ApprovalDecisionStatus.Decided, decided.Status);
        await using var command = server.Database.DataSource.CreateCommand(
            "SELECT count(*) FROM business_events WHERE type = 'ApprovalDecided' AND data->>'approval_id' = $1");
        command.Parameters.Add(new() { Value = approvalId.ToString() });
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_forged_policy_change_is_not_listed_as_an_adoption()
    {
        var forged = Event(Guid.NewGuid(), "PolicyChanged", new
        {
            version = "forged-version", previous_version = "x", action_id = "act_forged", adopted_by = LiveShopServer.FounderEmail,
            changes = new[] { new { path = "refunds.founder_threshold", from = 500, to = 100000 } },
        });
        await server.Client.PostAsJsonAsync("/api/events", forged);

        var history = await new AdoptedPolicies(server.Database.DataSource).HistoryAsync(CancellationToken.None);

        Assert.DoesNotContain(history, adoption => adoption.Version == "forged-version");
    }
}
