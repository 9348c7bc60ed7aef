using System.Net;
using System.Text;
using System.Text.Json;
using LiveShop.Bench.Verbs.Models;
using LiveShop.Chat.Tests.Chat;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Assistance;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Roles;

/// <summary>
/// Every seeded role × one action of each family, over the gateway API, a chat turn (scripted model) and the Slack/Teams
/// inline assistant: a request the role may not make is refused before the verifier with a reason naming the role and the
/// action (no approval filed); one it may make reaches the verifier. The ids name nothing in the store, so an allowed
/// request is decided by the verifier (mostly "unknown …") or waits for approval, and nothing changes the business.
/// </summary>
public sealed class RoleMatrixTests(ChatServer server) : IClassFixture<ChatServer>
{
    /// <summary>One action per family: the persona that may propose it in chat, its arguments.</summary>
    private sealed record Family(string Name, string Action, string Persona, string Plugin, object Arguments);

    private static readonly Family[] Families =
    [
        new("refunds", "refund_order", "returns_refunds", "Commerce", new { order_id = "o_roles_missing", amount = 20, reason = "damaged" }),
        new("tickets", "respond_ticket", "returns_refunds", "Support", new { ticket_id = "t_roles_missing", message = "Sorry about that, a replacement is on its way." }),
        new("ads", "scale_ad_set", "ads_optimizer", "Ads", new { ad_set_id = "as_roles_missing", new_daily_budget = 1690 }),
        new("prices", "change_price", "offer_architect", "Commerce", new { product_id = "p_roles_missing", new_price = 10 }),
        new("listings", "publish_listing", "cro", "Commerce", new { product_id = "p_roles_missing", channel = "shopify", title = "Bowl", description = "A bowl." }),
        new("stock", "reorder_stock", "coo", "Fulfillment", new { product_id = "p_roles_missing", quantity = 1 }),
        new("payouts", "pay_creator", "cfo", "Payments", new { creator_id = "cr_roles_missing", amount = 10 }),
        new("policy", "change_policy", "ceo", "Platform", new { changes = new Dictionary<string, object> { ["refunds.auto_refund_max"] = 100 } }),
        new("access", "modify_account_access", "security_compliance", "Platform", new { user = "nobody@roles.test", disabled = true }),
        new("integrations", "connect_integration", "ceo", "Integrations", new { integration_id = "no_such_integration" }),
    ];

    // The documented defaults (docs/roles.md), written out so a change to the policy's roles: section must be deliberate.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["founder"] = ["refunds", "tickets", "ads", "prices", "listings", "stock", "payouts", "policy", "access", "integrations"],
        ["approver"] = ["refunds", "tickets", "ads", "prices", "listings", "stock"],
        ["support"] = ["refunds", "tickets"],
        ["developer"] = ["integrations"],
    };

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var role in Allowed.Keys)
            foreach (var family in Families)
                foreach (var path in new[] { "gateway", "chat", "inline" })
                    cases.Add(role, family.Name, path);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_role_gets_what_the_policy_allows_on_every_path(string role, string familyName, string path)
    {
        var family = Families.Single(f => f.Name == familyName);
        var email = $"{role}@liveshop.local";
        var before = await CountAsync("SELECT count(*) FROM decision_log WHERE action = $1", family.Action);
        var approvalsBefore = await CountAsync("SELECT count(*) FROM approvals WHERE action_name = $1", family.Action);

        switch (path)
        {
            case "gateway": await ThroughGatewayAsync(email, family); break;
            case "chat": await ThroughChatAsync(email, family); break;
            default: await ThroughInlineAssistantAsync(email, family); break;
        }

        // Exactly one decision was made for this request: by the role check, or by the verifier.
        var decision = await NewestDecisionAsync(family.Action);
        Assert.Equal(before + 1, await CountAsync("SELECT count(*) FROM decision_log WHERE action = $1", family.Action));
        if (Allowed[role].Contains(familyName))
        {
            Assert.NotEqual("role", decision.StateVersion);
        }
        else
        {
            Assert.Equal("role", decision.StateVersion);
            Assert.Equal("deny", decision.Decision);
            Assert.Contains($"the {role} role may not request {family.Action}", decision.Result);
            Assert.Equal(approvalsBefore, await CountAsync("SELECT count(*) FROM approvals WHERE action_name = $1", family.Action));
        }
    }

    private async Task ThroughGatewayAsync(string email, Family family)
    {
        var packet = JsonSerializer.Serialize(new { proposed_action = family.Action, parameters = family.Arguments });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/gateway/actions") { Content = new StringContent(packet, Encoding.UTF8, "application/json") };
        var response = await (await server.ClientForAsync(email)).SendAsync(request);
        var body = await response.JsonAsync(HttpStatusCode.OK);
        if (body.GetProperty("verdict").GetProperty("proof").GetProperty("state_version").GetString() == "role")
        {
            Assert.Equal("denied", body.GetProperty("status").GetString());
            Assert.Contains("role may not request", body.GetProperty("message").GetString());
        }
    }

    private async Task ThroughChatAsync(string email, Family family)
    {
        Script(family);
        var body = await (await server.PostChatAsync("please do it", email, persona: family.Persona)).JsonAsync();
        var action = Assert.Single(body.GetProperty("actions").EnumerateArray());
        Assert.Equal(family.Action, action.GetProperty("function").GetString());
    }

    private async Task ThroughInlineAssistantAsync(string email, Family family)
    {
        Script(family);
        // The Slack and Teams endpoints hand a linked user's question to this assistant, as that user.
        var reply = await server.Services.GetRequiredService<IInlineAssistant>().AskAsync(email, $"@{family.Persona} please do it", CancellationToken.None);
        Assert.StartsWith($"{family.Persona}: ", reply);
    }

    private void Script(Family family)
    {
        server.Model.Reset();
        server.Model.Enqueue(
            ScriptedReply.Call(new ScriptedToolCall($"{family.Plugin}-{family.Action}", JsonSerializer.Serialize(family.Arguments), $"call_{Guid.NewGuid():N}")),
            ScriptedReply.Say("done"));
    }

    private async Task<long> CountAsync(string sql, string value)
    {
        await using var command = server.Database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(string StateVersion, string Decision, string Result)> NewestDecisionAsync(string action)
    {
        await using var command = server.Database.DataSource.CreateCommand(
            "SELECT state_version, decision, result FROM decision_log WHERE action = $1 ORDER BY created_at DESC, decision_id LIMIT 1");
        command.Parameters.Add(new() { Value = action });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no decision was recorded for {action}");
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }
}
