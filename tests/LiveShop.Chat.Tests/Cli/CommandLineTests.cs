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
}
