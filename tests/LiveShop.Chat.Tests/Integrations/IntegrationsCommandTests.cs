using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Integrations;

public sealed class IntegrationsCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Secret = "sk_test_cli_never_shown";

    private Dictionary<string, string> Environment(params (string Key, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__LiveShop"] = database.ConnectionString,
            ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
            ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-integrations-test"),
        };
        foreach (var (key, value) in more) environment[key] = value;
        return environment;
    }

    [Fact]
    public async Task Integrations_list_shows_each_family_and_state_without_secrets()
    {
        var result = await CliProcess.RunAsync(["integrations", "list"], Environment(("Integrations__Stripe__SecretKey", Secret)));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Payments", result.StandardOutput);
        Assert.Matches(@"stripe\s+Stripe\s+Live credentials awaiting connection\s+real client\s+Integrations:Stripe: SecretKey", result.StandardOutput);
        Assert.Matches(@"amazon\s+Amazon\s+Sandbox\s+contract \+ sandbox", result.StandardOutput);
        Assert.DoesNotContain(Secret, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task Integrations_list_json_is_the_api_shape()
    {
        var result = await CliProcess.RunAsync(["integrations", "list", "--json"], Environment());

        Assert.Equal(0, result.ExitCode);
        var integrations = JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("integrations");
        Assert.All(integrations.EnumerateArray(), i => Assert.Equal("sandbox", i.GetProperty("state").GetString()));
        Assert.Contains(integrations.EnumerateArray(), i => i.GetProperty("id").GetString() == "shopify" && i.GetProperty("real_client").GetBoolean());
    }

    [Fact]
    public async Task Serve_refuses_to_start_with_a_half_configured_stripe_and_says_why()
    {
        var result = await CliProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], Environment(
            ("Integrations__Stripe__ApiBase", "http://127.0.0.1:9"),
            ("Integrations__Amazon__SellerId", "A-SECRET-SELLER")));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Integration configuration is invalid:", result.StandardError);
        Assert.Contains("Integrations:Stripe: ApiBase is set but SecretKey is missing", result.StandardError);
        Assert.Contains("amazon has no real client yet; remove Integrations:Amazon settings or leave it in sandbox", result.StandardError);
        Assert.DoesNotContain("A-SECRET-SELLER", result.StandardError);
        Assert.DoesNotContain("LiveShop console:", result.StandardOutput);
    }

    [Fact]
    public async Task Sync_names_what_can_be_synced_and_refuses_an_integration_in_the_sandbox()
    {
        var unknown = await CliProcess.RunAsync(["integrations", "sync", "amazon"], Environment());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("choose one of: shopify, email", unknown.StandardError);

        var sandbox = await CliProcess.RunAsync(["integrations", "sync", "shopify"], Environment());
        Assert.Equal(1, sandbox.ExitCode);
        Assert.Contains("shopify is in the sandbox", sandbox.StandardError);
    }

    [Fact]
    public async Task Sync_of_an_unreachable_mailbox_fails_with_the_reason_and_never_the_password()
    {
        var result = await CliProcess.RunAsync(["integrations", "sync", "email"], Environment(
            ("Integrations__Email__SmtpHost", "127.0.0.1"), ("Integrations__Email__ImapHost", "127.0.0.1"), ("Integrations__Email__ImapPort", "9"),
            ("Integrations__Email__UserName", "support"), ("Integrations__Email__Password", "pw-never-shown"),
            ("Integrations__Email__FromAddress", "support@liveshop.local"), ("Integrations__Email__Security", "None")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("email sync failed", result.StandardError);
        Assert.DoesNotContain("pw-never-shown", result.StandardOutput + result.StandardError);
    }
}
