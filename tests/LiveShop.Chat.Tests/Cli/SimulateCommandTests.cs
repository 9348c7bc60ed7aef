using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Cli;

public sealed class SimulateCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        // A scratch database needs an owner login that may create databases and pgvector: the superuser stands in for it.
        ["ConnectionStrings__LiveShopOwner"] = database.AdminConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-simulate-test"),
    };

    [Fact]
    public async Task Simulate_scratch_prints_the_same_summary_for_the_same_seed_and_leaves_the_business_database_alone()
    {
        string[] args = ["simulate", "--days", "3", "--scratch", "--seed", "5", "--history-days", "7"];
        var first = await CliProcess.RunAsync(args, Environment());
        var second = await CliProcess.RunAsync(args, Environment());

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Equal(0, second.ExitCode);
        var summary = Figures(first.StandardOutput);
        Assert.Equal(summary, Figures(second.StandardOutput));
        Assert.Equal("3", summary["days"]);
        Assert.Equal("2026-01-01 .. 2026-01-03", summary["simulated"]);
        Assert.True(int.Parse(summary["orders"]) > 0 && int.Parse(summary["events_written"]) > 0, first.StandardOutput);
        foreach (var name in new[] { "revenue", "ad_spend", "refunds", "chargebacks", "seconds", "events_per_second" })
            Assert.Contains($"{name}: ", first.StandardOutput);

        var other = Figures((await CliProcess.RunAsync(["simulate", "--days", "3", "--scratch", "--seed", "6", "--history-days", "7"], Environment())).StandardOutput);
        Assert.NotEqual(summary["orders"] + summary["revenue"], other["orders"] + other["revenue"]);
        await using var context = database.CreateContext();
        Assert.False(await context.Orders.AnyAsync());
    }

    [Fact]
    public async Task Simulate_without_a_seeded_business_says_so_and_bad_days_are_a_usage_error()
    {
        var empty = await CliProcess.RunAsync(["simulate", "--days", "1"], Environment());
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no sandbox business", empty.StandardError);

        var bad = await CliProcess.RunAsync(["simulate", "--days", "0", "--scratch"], Environment());
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--days", bad.StandardError);
    }

    /// <summary>The summary's figures without the timings, which differ from run to run.</summary>
    private static Dictionary<string, string> Figures(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        // Indented lines list the alerts and automated actions under their counts.
        .Where(line => !line.StartsWith(' '))
        .Select(line => line.Trim())
        .Select(line => line.Split(": ", 2))
        .Where(parts => parts.Length == 2 && parts[0] is not ("seconds" or "events_per_second"))
        .ToDictionary(parts => parts[0], parts => parts[1]);
}
