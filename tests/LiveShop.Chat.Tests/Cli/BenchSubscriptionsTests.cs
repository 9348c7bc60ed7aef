using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;
using LiveShop.Testing;
using Xunit.Abstractions;

namespace LiveShop.Chat.Tests.Cli;

public sealed class BenchSubscriptionsTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.AdminConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-bench-subscriptions-test"),
    };

    [Fact]
    public async Task Bench_subscriptions_follows_every_appended_event_and_prints_its_lag_and_ratio()
    {
        var result = await CliProcess.RunAsync(["bench", "subscriptions", "--count", "20000", "--poll-ms", "100"], Environment);
        output.WriteLine(result.StandardOutput);

        Assert.Equal(0, result.ExitCode);
        var figures = BenchFigures.Parse(result.StandardOutput);
        Assert.Equal(20000, figures["count"]);
        Assert.True(figures["appends_per_second"] > 0);
        Assert.True(figures["delivered_per_second"] > 0);
        Assert.True(figures["lag_ms_p50"] <= figures["lag_ms_max"]);
        Assert.True(figures["catch_up_per_second"] > 0);
        Assert.Equal(figures["catch_up_per_second"] / figures["baseline_read_per_second"], figures["ratio"], 2);
        Assert.Equal(0, await new EventStore(database.DataSource, TimeProvider.System).CountAsync());
    }
}
