using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;

namespace LiveShop.Chat.Tests.Api;

public sealed class EventsApiTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private static object OrderPlaced(Guid id, decimal total = 78.0m) => new
    {
        event_id = id,
        type = "OrderPlaced",
        occurred_at = "2026-11-25T10:00:00Z",
        source = "shopify",
        data = new { order_id = $"o_{id:N}", customer_id = "c_1", channel = "shopify", total, currency = "AUD" },
    };

    private async Task<long> CountAsync() => await new EventStore(server.Database.DataSource, TimeProvider.System).CountAsync();

    [Fact]
    public async Task A_single_event_is_stored_and_a_repeat_is_stored_once()
    {
        var id = Guid.NewGuid();
        var before = await CountAsync();

        var first = await server.Client.PostAsJsonAsync("/api/events", OrderPlaced(id));
        var repeat = await server.Client.PostAsJsonAsync("/api/events", OrderPlaced(id));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        using var answer = JsonDocument.Parse(await repeat.Content.ReadAsStringAsync());
        Assert.Equal(0, answer.RootElement.GetProperty("appended").GetInt32());
        Assert.Equal(1, answer.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task An_array_of_events_is_appended_in_one_request()
    {
        var before = await CountAsync();
        var response = await server.Client.PostAsJsonAsync("/api/events", new[] { OrderPlaced(Guid.NewGuid()), OrderPlaced(Guid.NewGuid()), OrderPlaced(Guid.NewGuid()) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, answer.RootElement.GetProperty("appended").GetInt32());
        Assert.Equal(before + 3, await CountAsync());
    }

    [Fact]
    public async Task An_invalid_element_rejects_the_whole_array_naming_the_field()
    {
        var before = await CountAsync();
        var bad = new { event_id = Guid.NewGuid(), type = "OrderPlaced", occurred_at = "2026-11-25T10:00:00Z", source = "shopify",
            data = new { order_id = "o_9", customer_id = "c_1", channel = "shopify", total = "seventy", currency = "AUD" } };

        var response = await server.Client.PostAsJsonAsync("/api/events", new object[] { OrderPlaced(Guid.NewGuid()), bad });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("[1].data.total", problem);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("{\"event_id\": \"not-a-uuid\", \"type\": \"OrderPlaced\", \"occurred_at\": \"2026-11-25T10:00:00Z\", \"source\": \"shopify\", \"data\": {}}", "event_id")]
    [InlineData("{\"event_id\": \"7d7f2c1e-3c4b-4c7e-9a55-1d2f3a4b5c6d\", \"type\": \"OrderTeleported\", \"occurred_at\": \"2026-11-25T10:00:00Z\", \"source\": \"shopify\", \"data\": {}}", "type")]
    [InlineData("{\"event_id\": \"7d7f2c1e-3c4b-4c7e-9a55-1d2f3a4b5c6d\", \"type\": \"RefundProcessed\", \"occurred_at\": \"yesterday\", \"source\": \"stripe\", \"data\": {}}", "occurred_at")]
    [InlineData("{ this is not json", "body")]
    [InlineData("42", "$")]
    public async Task Invalid_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        var before = await CountAsync();
        var response = await server.Client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(field, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(before, await CountAsync());
    }
}
