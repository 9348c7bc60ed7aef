using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("db", "explode")]
    [InlineData("serve", "--no-such-option")]
    public async Task Unknown_verb_or_option_prints_usage_and_exits_2(params string[] args)
    {
        var result = await CliProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.StandardError);
        Assert.Contains("liveshop", result.StandardError);
        Assert.Equal("", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Help_lists_the_verbs_and_exits_0()
    {
        var result = await CliProcess.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("serve", result.StandardOutput);
        Assert.Contains("db", result.StandardOutput);
    }

    [Fact]
    public async Task Bench_verbs_come_from_the_assembly_beside_the_host()
    {
        var result = await CliProcess.RunAsync(["bench", "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "events", "verify", "rag", "chat" }) Assert.Contains(verb, result.StandardOutput);
    }

    [Fact]
    public void Product_assemblies_carry_no_benchmark_or_fake_server()
    {
        Type[] products = [typeof(LiveShop.Chat.Hosting.LiveShopWebApp), typeof(LiveShop.Plugins.Functions.LiveShopPlugins), typeof(LiveShop.Kernel.Verification.Verifier),
            typeof(LiveShop.Memory.Events.EventStore)];

        var offenders = products.SelectMany(p => p.Assembly.GetTypes())
            .Where(t => t.Namespace?.StartsWith("LiveShop.", StringComparison.Ordinal) == true)
            .Where(t => t.Name.Contains("Bench", StringComparison.Ordinal) || t.Name.StartsWith("Scripted", StringComparison.Ordinal)
                || t.Name.Contains("SteadyState", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(offenders);
    }
}
