using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;
using LiveShop.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace LiveShop.Chat.Tests.Hosting;

/// <summary>
/// How the host and the verbs open a configured server: with an owner login they migrate as the owner and connect as
/// the application role; with one login they say in the log what that login may do, never its password.
/// </summary>
public sealed class DatabaseBootstrapTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
                .Append(KeyValuePair.Create("LiveShop:DataDirectory", (string?)Path.GetTempPath())))
            .Build();

    private static async Task<string> CurrentUserAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT current_user");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task With_an_owner_login_the_verbs_connect_as_the_application_role_and_say_nothing()
    {
        var log = new StringWriter();

        await using var dataSource = await DatabaseBootstrap.OpenAsync(
            Configuration(("ConnectionStrings:LiveShop", database.ConnectionString), ("ConnectionStrings:LiveShopOwner", database.OwnerConnectionString)),
            log, CancellationToken.None);

        Assert.Equal(DatabaseProvisioning.RoleOf(database.ConnectionString), await CurrentUserAsync(dataSource));
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public async Task With_one_login_the_log_says_what_it_may_do()
    {
        var log = new StringWriter();
        var ownerLogin = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { Password = "not-in-the-log" }.ConnectionString;

        await using var dataSource = await DatabaseBootstrap.OpenAsync(Configuration(("ConnectionStrings:LiveShop", ownerLogin)), log, CancellationToken.None);

        var text = log.ToString();
        Assert.Contains("ConnectionStrings:LiveShopOwner is not set", text);
        Assert.Contains($"'{DatabaseProvisioning.RoleOf(database.OwnerConnectionString)}'", text);
        Assert.Contains("the owner of", text);
        Assert.DoesNotContain("not-in-the-log", text);
    }

    [Fact]
    public async Task An_owner_login_without_an_application_login_is_refused()
    {
        var error = await Assert.ThrowsAsync<ClusterException>(() => DatabaseBootstrap.OpenAsync(
            Configuration(("ConnectionStrings:LiveShopOwner", database.OwnerConnectionString)), TextWriter.Null, CancellationToken.None));

        Assert.Contains("ConnectionStrings:LiveShop is not", error.Message);
    }
}
