using System.Net;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Metrics;

/// <summary>GET /api/metrics over a host that seeded 30 days and backfilled the metrics store at start-up.</summary>
public sealed class MetricsApiTests(SeededLiveShopServer server) : IClassFixture<SeededLiveShopServer>
{
    [Fact]
    public async Task The_seeded_history_is_in_the_store_at_start_up_one_point_a_day()
    {
        // The history ends at the start of the day it was seeded on (UTC).
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var response = await server.Client.GetAsync($"/api/metrics?metric=revenue&to={lastDay:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var points = body.RootElement.GetProperty("points").EnumerateArray().ToList();

        Assert.Equal("business", body.RootElement.GetProperty("grain").GetString());
        Assert.Equal(30, points.Count);
        Assert.All(points, p => Assert.True(p.GetProperty("value").GetDecimal() > 0));
    }

    [Fact]
    public async Task An_hourly_product_series_answers_for_a_product_of_the_catalogue()
    {
        var response = await server.Client.GetAsync("/api/metrics?metric=stock&grain=product&id=p_1&resolution=hour");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(48, body.RootElement.GetProperty("points").GetArrayLength());
    }

    [Theory]
    [InlineData("metric=happiness", "metric", "roas")]
    [InlineData("", "metric", "revenue")]
    [InlineData("metric=revenue&grain=planet", "grain", "ad_set")]
    [InlineData("metric=cash&grain=product&id=p_1", "grain", "business")]
    [InlineData("metric=revenue&grain=product", "id", "needs an id")]
    [InlineData("metric=revenue&grain=product&id=p_nope", "id", "p_nope")]
    [InlineData("metric=revenue&from=yesterday", "from", "yesterday")]
    [InlineData("metric=revenue&resolution=minute", "resolution", "hour")]
    [InlineData("metric=revenue&from=2026-11-20&to=2026-11-10", "to", "must end after")]
    public async Task Bad_input_is_a_problem_naming_the_field(string query, string field, string mentioned)
    {
        var response = await server.Client.GetAsync("/api/metrics?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(mentioned, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_metrics_are_for_people_signed_in_only()
    {
        var response = await server.AnonymousClient.GetAsync("/api/metrics?metric=revenue");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found, response.StatusCode.ToString());
    }

    [Fact]
    public async Task The_success_metrics_answer_with_every_figure_and_say_when_one_has_no_data()
    {
        var response = await server.Client.GetAsync("/api/metrics/success");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var metrics = body.RootElement.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

        Assert.Equal(["autonomy_rate", "cost_per_order", "profit_per_decision", "proof_pass_rate", "rollback_rate", "time_to_market_days"], metrics.Keys.Order());
        // The seeded business has sales but no executed action yet: cost per order is known, the decision rates are not.
        Assert.True(metrics["cost_per_order"].GetProperty("value").GetDecimal() > 0);
        Assert.Equal(JsonValueKind.Null, metrics["autonomy_rate"].GetProperty("value").ValueKind);
        Assert.Contains("no action", metrics["autonomy_rate"].GetProperty("basis").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/api/metrics/success?days=0")).StatusCode);
    }
}
