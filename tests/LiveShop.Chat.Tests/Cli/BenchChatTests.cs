using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

public sealed class BenchChatTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        // A scratch database needs an owner login that may create databases and pgvector: the superuser stands in for it.
        ["ConnectionStrings__LiveShopOwner"] = database.AdminConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-bench-chat-test"),
    };

    [Fact]
    public async Task Bench_chat_prints_turn_percentiles_the_model_baseline_and_its_warm_up()
    {
        var result = await CliProcess.RunAsync(["bench", "chat", "--conversations", "2", "--turns", "3", "--warmup-seconds", "0"], Environment);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var figures = BenchFigures.Parse(result.StandardOutput);
        Assert.Equal(2, figures["conversations"]);
        Assert.Equal(6, figures["turns"]);
        Assert.True(figures["p50_ms"] > 0 && figures["p50_ms"] <= figures["p95_ms"]);
        Assert.True(figures["baseline_p95_ms"] > 0);
        Assert.Equal(figures["p95_ms"] - figures["baseline_p95_ms"], figures["overhead_p95_ms"], 0.011);
        Assert.Equal(2, figures["warmup_rounds"]); // the minimum, the time limit being zero
        Assert.Contains(figures["steady_state"], new[] { 0d, 1d });
    }

    [Fact]
    public async Task Bench_chat_refuses_a_negative_warm_up_limit()
    {
        var result = await CliProcess.RunAsync(["bench", "chat", "--warmup-seconds", "-1"], Environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--warmup-seconds", result.StandardError);
    }
}
