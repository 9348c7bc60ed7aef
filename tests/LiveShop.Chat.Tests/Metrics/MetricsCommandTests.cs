using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Metrics;

/// <summary><c>metrics query</c> and <c>metrics success</c> as a person runs them, over a business seeded by <c>seed</c>.</summary>
public sealed class MetricsCommandTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-metrics-test"),
    };

    [Fact]
    public async Task Seeding_backfills_the_store_and_query_and_success_read_it_and_refuse_bad_input()
    {
        var seeded = await CliProcess.RunAsync(["seed", "--days", "5", "--seed", "7"], Environment);
        Assert.Equal(0, seeded.ExitCode);
        Assert.Contains("metric_series hourly rows:", seeded.StandardOutput);

        var query = await CliProcess.RunAsync(["metrics", "query", "--metric", "orders", "--json"], Environment);
        Assert.Equal(0, query.ExitCode);
        using (var answer = JsonDocument.Parse(query.StandardOutput))
        {
            Assert.Equal(5, answer.RootElement.GetProperty("points").GetArrayLength());
            Assert.Equal("day", answer.RootElement.GetProperty("resolution").GetString());
        }

        var text = await CliProcess.RunAsync(["metrics", "query", "--metric", "roas", "--grain", "product", "--id", "p_1", "--resolution", "hour"], Environment);
        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("roas of product p_1, hourly", text.StandardOutput);

        var unknown = await CliProcess.RunAsync(["metrics", "query", "--metric", "happiness"], Environment);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--metric: unknown metric 'happiness'; known metrics: revenue", unknown.StandardError);
        var badDate = await CliProcess.RunAsync(["metrics", "query", "--metric", "revenue", "--from", "last week"], Environment);
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("--from:", badDate.StandardError);

        var success = await CliProcess.RunAsync(["metrics", "success", "--json"], Environment);
        Assert.Equal(0, success.ExitCode);
        using var report = JsonDocument.Parse(success.StandardOutput);
        Assert.Equal(6, report.RootElement.GetProperty("metrics").GetArrayLength());
        var human = await CliProcess.RunAsync(["metrics", "success"], Environment);
        Assert.Contains("autonomy_rate: no data (no action was executed in the window)", human.StandardOutput);
    }
}
