using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

public sealed class BenchEventsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        // A scratch database needs an owner login that may create databases and pgvector: the superuser stands in for it.
        ["ConnectionStrings__LiveShopOwner"] = database.AdminConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-bench-test"),
    };

    [Fact]
    public async Task Bench_events_prints_rates_and_their_ratio_without_touching_the_business_event_store()
    {
        var result = await CliProcess.RunAsync(["bench", "events", "--count", "2000"], Environment);

        Assert.Equal(0, result.ExitCode);
        var figures = BenchFigures.Parse(result.StandardOutput);
        Assert.Equal(2000, figures["count"]);
        Assert.True(figures["events_per_second"] > 0);
        Assert.True(figures["copy_rows_per_second"] > 0);
        Assert.Equal(figures["events_per_second"] / figures["copy_rows_per_second"], figures["ratio"], 2);
        Assert.Equal(0, await new EventStore(database.DataSource, TimeProvider.System).CountAsync());
    }

    [Fact]
    public async Task Bench_events_refuses_a_non_positive_count()
    {
        var result = await CliProcess.RunAsync(["bench", "events", "--count", "0"], Environment);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--count", result.StandardError);
    }
}
