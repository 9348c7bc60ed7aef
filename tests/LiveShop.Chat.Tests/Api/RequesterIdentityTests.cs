using System.Net;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Api;

/// <summary>
/// Who asks for an action comes from authentication only (CONTRACTS.md §5): a body naming someone else as
/// <c>requested_by</c> or <c>on_behalf_of</c> is refused with 400 and nothing is recorded.
/// </summary>
public sealed class RequesterIdentityTests(LiveShopServer server) : IClassFixture<LiveShopServer>, IAsyncLifetime
{
    private const string Founder = "founder@liveshop.local", Approver = "approver@liveshop.local";

    public async Task InitializeAsync()
    {
        await using var command = server.Database.DataSource.CreateCommand(
            """
            INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES
              (gen_random_uuid(), 'founder@liveshop.local', 'F', 'founder', now(), false),
              (gen_random_uuid(), 'approver@liveshop.local', 'A', 'approver', now(), false)
            ON CONFLICT (email) DO NOTHING;
            INSERT INTO suppliers (id, name, country, lead_time_days, on_time_rate, status)
            VALUES ('sup_1', 'Acme', 'AU', 7, 95, 'active') ON CONFLICT DO NOTHING;
            """);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> CountAsync(string sql)
    {
        await using var command = server.Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body, string caller)
    {
        var client = await server.ClientForAsync(caller);
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static void AssertNamesField(JsonElement problem, string field) =>
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);

    [Theory]
    [InlineData("requested_by", Founder)]
    [InlineData("requested_by", "agent:cfo")]
    [InlineData("requested_by", "automation:nightly")]
    [InlineData("on_behalf_of", Founder)]
    public async Task An_approver_cannot_file_an_action_as_someone_else(string field, string claimed)
    {
        var approvalsBefore = await CountAsync("SELECT count(*) FROM approvals");
        var eventsBefore = await CountAsync("SELECT count(*) FROM business_events");

        var (status, problem) = await PostAsync("/api/gateway/actions",
            $$"""{"proposed_action":"pay_supplier","parameters":{"supplier_id":"sup_1","amount":120},"{{field}}":"{{claimed}}"}""", Approver);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertNamesField(problem, field);
        Assert.Equal(approvalsBefore, await CountAsync("SELECT count(*) FROM approvals"));
        Assert.Equal(eventsBefore, await CountAsync("SELECT count(*) FROM business_events"));
    }

    [Fact]
    public async Task A_body_naming_the_caller_itself_is_accepted_and_the_caller_is_the_requester()
    {
        var (status, body) = await PostAsync("/api/gateway/actions",
            $$"""{"proposed_action":"pay_supplier","parameters":{"supplier_id":"sup_1","amount":130},"requested_by":"{{Approver.ToUpperInvariant()}}","on_behalf_of":"{{Approver}}"}""", Approver);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("awaiting_approval", body.GetProperty("status").GetString());
        await using var command = server.Database.DataSource.CreateCommand("SELECT requested_by FROM approvals WHERE id = $1");
        command.Parameters.Add(new() { Value = body.GetProperty("approval_id").GetGuid() });
        Assert.Equal(Approver, (string)(await command.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData("requested_by", Founder)]
    [InlineData("on_behalf_of", Founder)]
    public async Task Verify_refuses_a_packet_claiming_another_person(string field, string claimed)
    {
        var (status, problem) = await PostAsync("/api/verify",
            $$"""{"proposed_action":"draft_copy","parameters":{},"{{field}}":"{{claimed}}"}""", Approver);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertNamesField(problem, field);
    }

    [Fact]
    public async Task Verify_accepts_a_packet_proposed_by_a_persona_for_the_caller()
    {
        var (status, verdict) = await PostAsync("/api/verify",
            """{"proposed_action":"draft_copy","parameters":{},"agent":"copywriter","requested_by":"agent:copywriter"}""", Approver);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("allow", verdict.GetProperty("decision").GetString());
    }
}
