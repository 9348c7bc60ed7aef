using System.Net;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Hosting;

public sealed class HealthTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    [Fact]
    public async Task Ready_when_the_database_is_reachable_and_migrated()
    {
        var response = await server.AnonymousClient.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_answers_without_touching_the_database()
    {
        var response = await server.AnonymousClient.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_a_correlation_id_and_echoes_the_callers()
    {
        var generated = await server.AnonymousClient.GetAsync("/health/live");
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues(CorrelationIdMiddleware.Header).Single());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(CorrelationIdMiddleware.Header, "order-sync-17");
        var echoed = await server.AnonymousClient.SendAsync(request);
        Assert.Equal("order-sync-17", echoed.Headers.GetValues(CorrelationIdMiddleware.Header).Single());
    }

    [Fact]
    public async Task A_hostile_correlation_id_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.Header, "x\"; DROP TABLE orders; --");
        var response = await server.AnonymousClient.SendAsync(request);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues(CorrelationIdMiddleware.Header).Single());
    }

    [Fact]
    public async Task Log_file_is_written_under_the_data_directory()
    {
        await server.AnonymousClient.GetAsync("/health/live");
        var logs = Directory.GetFiles(Path.Combine(server.DataDirectory, "logs"), "liveshop-*.log");
        Assert.NotEmpty(logs);
    }
}
