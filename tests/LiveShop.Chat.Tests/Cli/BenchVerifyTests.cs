using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

public sealed class BenchVerifyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        // A scratch database needs an owner login that may create databases and pgvector: the superuser stands in for it.
        ["ConnectionStrings__LiveShopOwner"] = database.AdminConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-bench-verify-test"),
    };

    [Fact]
    public async Task Bench_verify_prints_latency_percentiles_and_a_same_run_baseline_without_touching_the_business_database()
    {
        var result = await CliProcess.RunAsync(["bench", "verify", "--clients", "2", "--requests", "20", "--days", "3", "--warmup-seconds", "0"], Environment);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var figures = BenchFigures.Parse(result.StandardOutput);
        Assert.Equal(2, figures["clients"]);
        Assert.Equal(20, figures["requests"]);
        Assert.Equal(0, figures["errors"]);
        Assert.True(figures["packets"] > 0);
        Assert.True(figures["p50_ms"] > 0);
        Assert.True(figures["p50_ms"] <= figures["p95_ms"] && figures["p95_ms"] <= figures["p99_ms"]);
        Assert.True(figures["requests_per_second"] > 0);
        Assert.True(figures["baseline_p95_ms"] > 0);
        Assert.True(figures["baseline_requests_per_second"] > 0);
        Assert.Equal(2, figures["warmup_rounds"]); // the minimum, the time limit being zero
        Assert.True(figures["warmup_last_jit_share"] >= 0);
        Assert.True(figures["jit_methods_while_measuring"] >= 0);
        Assert.Equal(0, await new EventStore(database.DataSource, TimeProvider.System).CountAsync());
    }

    [Fact]
    public async Task Bench_verify_refuses_a_non_positive_client_count()
    {
        var result = await CliProcess.RunAsync(["bench", "verify", "--clients", "0"], Environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--clients", result.StandardError);
    }
}
