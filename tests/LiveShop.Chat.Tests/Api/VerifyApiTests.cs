using System.Net;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Api;

/// <summary><c>POST /api/verify</c> over real HTTP: verdicts from live facts, problem+json for invalid input, never a stack trace.</summary>
public sealed class VerifyApiTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    [Fact]
    public async Task A_valid_packet_gets_the_signed_verdict_from_live_facts()
    {
        await OrderRows.AddAsync(server.Database, "o_api_1", total: 80m);

        var response = await Post("""{"action_id":"a_1","proposed_action":"refund_order","parameters":{"order_id":"o_api_1","amount":20,"reason":"damaged"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var verdict = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("a_1", verdict.RootElement.GetProperty("action_id").GetString());
        Assert.Equal("allow", verdict.RootElement.GetProperty("decision").GetString());
        Assert.Equal("L1", verdict.RootElement.GetProperty("risk_level").GetString());
        var proof = verdict.RootElement.GetProperty("proof");
        Assert.StartsWith("events:", proof.GetProperty("state_version").GetString());
        Assert.False(string.IsNullOrEmpty(proof.GetProperty("signature").GetString()));
    }

    [Fact]
    public async Task A_refund_above_what_is_left_on_the_order_is_denied_from_live_facts()
    {
        await OrderRows.AddAsync(server.Database, "o_api_2", total: 100m, refunded: 90m);

        var response = await Post("""{"proposed_action":"refund_order","parameters":{"order_id":"o_api_2","amount":11,"reason":"damaged"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var verdict = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("deny", verdict.RootElement.GetProperty("decision").GetString());
        var check = verdict.RootElement.GetProperty("proof").GetProperty("invariant_checks").EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == "refund_within_remaining");
        Assert.Equal("FAIL", check.GetProperty("status").GetString());
        Assert.Equal(10m, check.GetProperty("threshold").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_action_is_denied_not_rejected()
    {
        var response = await Post("""{"proposed_action":"wire_money_abroad","parameters":{}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var verdict = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("deny", verdict.RootElement.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("", "body", "empty")]
    [InlineData("{\"proposed_action\": ", "body", "malformed JSON")]
    [InlineData("""{"parameters":{}}""", "proposed_action", "'proposed_action' is required")]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","reason":"x"}}""", "parameters.amount", "'amount' is required")]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":"lots","reason":"x"}}""", "parameters.amount", "must be a number")]
    [InlineData("""{"proposed_action":"scale_ad_set","parameters":{"ad_set_id":"as_1","new_daily_budget":[600]}}""", "parameters.new_daily_budget", "must be a number")]
    [InlineData("""[1, 2]""", "body", "must be a JSON object")]
    public async Task Invalid_input_is_a_400_problem_naming_the_field(string body, string field, string message)
    {
        var response = await Post(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);
        using var problem = JsonDocument.Parse(text);
        Assert.Contains(message, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(field, problem.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    private Task<HttpResponseMessage> Post(string body) =>
        server.Client.PostAsync("/api/verify", new StringContent(body, Encoding.UTF8, "application/json"));
}
