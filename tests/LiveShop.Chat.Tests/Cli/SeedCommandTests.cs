using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Cli;

public sealed class SeedCommandTests(EmptyTestDatabase database) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task Seed_migrates_and_writes_an_empty_database_once()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__LiveShop"] = database.ConnectionString,
            ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
            ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-seed-test"),
        };

        var first = await CliProcess.RunAsync(["seed", "--days", "5", "--seed", "7"], environment);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("seed: 7", first.StandardOutput);
        await using (var db = database.CreateContext())
        {
            Assert.True(await db.Products.CountAsync() >= 20);
            Assert.True(await db.Orders.CountAsync() > 0);
        }

        var second = await CliProcess.RunAsync(["seed", "--days", "5"], environment);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds a business", second.StandardError);
    }

    [Fact]
    public async Task Seed_refuses_a_nonsensical_number_of_days()
    {
        var result = await CliProcess.RunAsync(["seed", "--days", "0"], new Dictionary<string, string> { ["ConnectionStrings__LiveShop"] = database.ConnectionString });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--days", result.StandardError);
    }
}
