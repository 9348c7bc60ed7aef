using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Hosting;

/// <summary>Options are validated when the host or a verb starts, before anything is written, and the message names the setting.</summary>
public sealed class StartupValidationTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    private Dictionary<string, string> Environment(params (string Key, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__LiveShop"] = database.ConnectionString,
            ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
            ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-startup-validation-test"),
        };
        foreach (var (key, value) in more) environment[key] = value;
        return environment;
    }

    [Theory]
    [InlineData("Knowledge__MaxUploadBytes", "0", "Knowledge:MaxUploadBytes must be a positive number of bytes")]
    [InlineData("Gateway__ClaimLease", "-00:01:00", "Gateway:ClaimLease must be a positive duration")]
    [InlineData("Approvals__Expiry", "00:00:00", "Approvals:Expiry must be a positive duration")]
    [InlineData("LiveShop__SandboxDays", "0", "LiveShop:SandboxDays must be between 1 and 3650")]
    public async Task Serve_refuses_an_option_out_of_range_naming_it_before_migrating(string variable, string value, string message)
    {
        var result = await CliProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], Environment((variable, value)));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"liveshop: {message}", result.StandardError);
        Assert.DoesNotContain("LiveShop console:", result.StandardOutput);
        await using var tables = database.OwnerDataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Serve_refuses_a_setting_it_cannot_read_naming_it_before_migrating()
    {
        var result = await CliProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], Environment(("Sandbox__Speed", "fast")));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Sandbox:Speed", result.StandardError);
        Assert.DoesNotContain("Unhandled exception", result.StandardError);
        await using var tables = database.OwnerDataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_verb_whose_defaults_come_from_an_invalid_option_says_so_even_for_its_help()
    {
        var result = await CliProcess.RunAsync(["seed", "--help"], Environment(("LiveShop__SandboxDays", "99999")));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("liveshop: LiveShop:SandboxDays must be between 1 and 3650", result.StandardError);
        Assert.DoesNotContain("Unhandled exception", result.StandardError);
    }

    [Fact]
    public async Task A_verb_refuses_an_option_out_of_range_the_same_way()
    {
        var result = await CliProcess.RunAsync(["gateway", "stuck"], Environment(("Gateway__LimitLockWait", "00:00:00")));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("liveshop: Gateway:LimitLockWait must be a positive duration", result.StandardError);
    }
}
