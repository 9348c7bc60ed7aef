using System.Net;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Gateway;

/// <summary>
/// Requests started together through <c>POST /api/gateway/actions</c> of the real host, each with its own idempotency key:
/// the limits that read running totals hold however the requests interleave.
/// </summary>
public sealed class ConcurrentLimitApiTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private const int Requests = 20;

    private async Task<IReadOnlyList<JsonElement>> SubmitTogetherAsync(IEnumerable<object> packets)
    {
        var responses = await Task.WhenAll(packets.Select(async packet =>
        {
            using var content = new StringContent(JsonSerializer.Serialize(packet), Encoding.UTF8, "application/json");
            using var response = await server.Client.PostAsync("/api/gateway/actions", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }));
        return responses;
    }

    private static object Refund(string orderId, decimal amount, int request) => new
    {
        proposed_action = "refund_order", agent = "returns_refunds", idempotency_key = $"refund-{orderId}-{request}",
        parameters = new { order_id = orderId, amount, reason = "damaged" },
    };

    private static string Status(JsonElement answer) => answer.GetProperty("status").GetString()!;

    [Fact]
    public async Task Twenty_concurrent_refunds_of_one_order_execute_once_and_the_rest_are_denied()
    {
        await LimitedBusiness.AddOrdersAsync(server.Database, "c_api_one", [("o_api_one", 79.99m)], DateTimeOffset.UtcNow);

        var answers = await SubmitTogetherAsync(Enumerable.Range(0, Requests).Select(i => Refund("o_api_one", 60m, i)));

        Assert.Equal(60m, await LimitedBusiness.RefundedToAsync(server.Database, "c_api_one"));
        Assert.Single(answers, a => Status(a) == "executed");
        Assert.All(answers.Where(a => Status(a) != "executed"), a =>
        {
            Assert.Equal("denied", Status(a));
            Assert.Contains("exceeds what is left to refund", a.GetProperty("message").GetString());
        });
    }

    [Fact]
    public async Task Twenty_concurrent_refunds_of_one_customer_stay_within_the_24h_cap_and_the_rest_wait_for_approval()
    {
        var orders = Enumerable.Range(1, Requests).Select(i => ($"o_api_many_{i}", 79.99m)).ToList();
        await LimitedBusiness.AddOrdersAsync(server.Database, "c_api_many", orders, DateTimeOffset.UtcNow);

        var answers = await SubmitTogetherAsync(orders.Select((o, i) => Refund(o.Item1, 30m, i)));

        Assert.Equal(90m, await LimitedBusiness.RefundedToAsync(server.Database, "c_api_many"));
        Assert.Equal(3, answers.Count(a => Status(a) == "executed"));
        Assert.All(answers.Where(a => Status(a) != "executed"), a =>
        {
            Assert.Equal("awaiting_approval", Status(a));
            Assert.Equal("L2", a.GetProperty("risk_level").GetString());
        });
    }

    [Fact]
    public async Task Concurrent_budget_increases_never_pass_the_daily_cap()
    {
        await LimitedBusiness.AddAdSetsAsync(server.Database, Enumerable.Range(1, 10).Select(i => ($"as_api_{i}", 480m)), DateTimeOffset.UtcNow);

        var answers = await SubmitTogetherAsync(Enumerable.Range(1, 10).Select(i => (object)new
        {
            proposed_action = "scale_ad_set", agent = "ads_optimizer", idempotency_key = $"scale-as_api_{i}",
            parameters = new { ad_set_id = $"as_api_{i}", new_daily_budget = 576m },
        }));

        // 4800 a day plus two +96 steps is 4992; a third would pass the 5000 cap.
        Assert.Equal(4992m, await LimitedBusiness.ActiveDailyBudgetsAsync(server.Database));
        Assert.Equal(2, answers.Count(a => Status(a) == "executed"));
        Assert.All(answers.Where(a => Status(a) != "executed"), a => Assert.Equal("denied", Status(a)));
    }

    [Fact]
    public async Task Verify_answers_while_an_action_holds_the_limits_it_reads()
    {
        await LimitedBusiness.AddOrdersAsync(server.Database, "c_api_verify", [("o_api_verify", 79.99m)], DateTimeOffset.UtcNow);
        var packet = ActionPacket.Create("refund_order", new { order_id = "o_api_verify", amount = 60m, reason = "damaged" });

        await using (await server.Services.GetRequiredService<LimitLocks>().AcquireAsync(packet, default))
        {
            // Verifying has no side effect to serialize: it reads the committed state and never waits for the pipeline's locks.
            using var content = new StringContent(JsonSerializer.Serialize(Refund("o_api_verify", 60m, 0)), Encoding.UTF8, "application/json");
            using var response = await server.Client.PostAsync("/api/verify", content).WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("allow", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("decision").GetString());
        }
    }
}
