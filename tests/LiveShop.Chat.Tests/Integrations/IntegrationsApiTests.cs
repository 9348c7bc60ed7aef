using System.Net;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Integrations;

/// <summary>The host with Stripe's credentials configured (its API base points nowhere: start-up never calls Stripe).</summary>
public sealed class StripeConfiguredServer : LiveShopServer
{
    public const string SecretKey = "sk_test_chat_never_shown";

    protected override IEnumerable<string> ExtraArguments =>
        [$"--Integrations:Stripe:SecretKey={SecretKey}", "--Integrations:Stripe:ApiBase=http://127.0.0.1:9"];
}

public sealed class IntegrationsApiTests(StripeConfiguredServer server) : IClassFixture<StripeConfiguredServer>
{
    private async Task<(JsonElement Root, string Text)> ListAsync()
    {
        var response = await server.Client.GetAsync("/api/integrations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return (JsonDocument.Parse(text).RootElement, text);
    }

    private static JsonElement Integration(JsonElement root, string id) =>
        root.GetProperty("integrations").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Lists_every_integration_with_its_state_and_setting_names_but_never_values()
    {
        var (root, text) = await ListAsync();

        Assert.Equal(22, root.GetProperty("integrations").GetArrayLength());
        var stripe = Integration(root, "stripe");
        Assert.Equal("live", stripe.GetProperty("mode").GetString());
        Assert.Equal("live_awaiting_connection", stripe.GetProperty("state").GetString());
        Assert.Equal("Live credentials awaiting connection", stripe.GetProperty("label").GetString());
        Assert.True(stripe.GetProperty("real_client").GetBoolean());
        Assert.Equal(["SecretKey"], stripe.GetProperty("required_settings").EnumerateArray().Select(s => s.GetString()));
        var amazon = Integration(root, "amazon");
        Assert.Equal("sandbox", amazon.GetProperty("state").GetString());
        Assert.False(amazon.GetProperty("real_client").GetBoolean());
        Assert.Equal("Payments", stripe.GetProperty("family").GetString());
        Assert.DoesNotContain(StripeConfiguredServer.SecretKey, text);
    }

    [Fact]
    public async Task A_connection_row_turns_stripe_live_and_connected()
    {
        await using (var command = server.Database.DataSource.CreateCommand(
            "INSERT INTO integration_connections VALUES ('stripe', 'connected', 'a_test', 'founder@liveshop.local', now()) " +
            "ON CONFLICT (integration_id) DO UPDATE SET status = 'connected'"))
            await command.ExecuteNonQueryAsync();
        try
        {
            var (root, _) = await ListAsync();
            Assert.Equal("live_connected", Integration(root, "stripe").GetProperty("state").GetString());
            Assert.Equal("founder@liveshop.local", Integration(root, "stripe").GetProperty("connection_changed_by").GetString());
        }
        finally
        {
            await using var reset = server.Database.OwnerDataSource.CreateCommand("DELETE FROM integration_connections");
            await reset.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        var response = await server.AnonymousClient.GetAsync("/api/integrations");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("stripe", await response.Content.ReadAsStringAsync());
    }
}
