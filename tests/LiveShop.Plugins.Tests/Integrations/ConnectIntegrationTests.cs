using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Tests.Payments;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Tests.Integrations;

public sealed class ConnectIntegrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static ActionPacket Connect(object parameters) =>
        ActionPacket.Create("connect_integration", parameters) with { RequestedBy = "agent:automation_builder" };

    private async Task<string?> RowStatusAsync()
    {
        await using var db = database.CreateContext();
        return (await db.IntegrationConnections.SingleOrDefaultAsync(c => c.IntegrationId == "stripe"))?.Status;
    }

    [Fact]
    public async Task Founder_approval_connects_stripe_and_undo_disconnects_it_after_another_approval()
    {
        await using var h = await StripeHarness.CreateAsync(database);
        // The product never deletes connection rows; the owner clears them for this test.
        await using (var clear = database.OwnerDataSource.CreateCommand("DELETE FROM integration_connections"))
            await clear.ExecuteNonQueryAsync();
        Assert.Equal(EffectiveMode.LiveAwaitingConnection, (await h.Connections.ListAsync(default)).Single(s => s.Status.Id == "stripe").Effective);

        var proposed = await h.Gateway.Pipeline.SubmitAsync(Connect(new { integration_id = "stripe" }));
        Assert.Equal(ActionStatus.AwaitingApproval, proposed.Status);
        Assert.Equal(RiskLevel.L3, proposed.Verdict.RiskLevel);
        Assert.Null(await RowStatusAsync());

        var notFounder = await h.Gateway.Pipeline.ApproveAndExecuteAsync(proposed.ApprovalId!.Value, GatewayHarness.Approver, null, default);
        Assert.False(notFounder.Decision.Succeeded);
        Assert.Null(await RowStatusAsync());

        var approved = await h.Gateway.Pipeline.ApproveAndExecuteAsync(proposed.ApprovalId!.Value, GatewayHarness.Founder, "go live", default);
        Assert.Equal(ActionStatus.Executed, approved.Outcome!.Status);
        Assert.Equal("connected", await RowStatusAsync());
        Assert.True(await h.Connections.IsConnectedAsync("stripe", default));
        Assert.Equal("Live (connected)", (await h.Connections.ListAsync(default)).Single(s => s.Status.Id == "stripe").Label);
        Assert.Equal(1, await h.Gateway.ScalarAsync(
            "SELECT count(*) FROM business_events WHERE type = 'IntegrationConnected' AND data->>'integration_id' = 'stripe' AND data->>'action_id' = $1",
            proposed.Packet.ActionId));

        // Only the founder may ask for an integration change; the undo is proposed for them and they confirm it.
        var undo = await h.Gateway.Pipeline.UndoAsync(proposed.Packet.ActionId, GatewayHarness.Founder, default);
        Assert.Equal(ActionStatus.AwaitingApproval, undo.Outcome!.Status);
        Assert.Equal("connected", await RowStatusAsync());
        var undone = await h.Gateway.Pipeline.ApproveAndExecuteAsync(undo.Outcome.ApprovalId!.Value, GatewayHarness.Founder, null, default);
        Assert.Equal(ActionStatus.Executed, undone.Outcome!.Status);
        Assert.Equal("disconnected", await RowStatusAsync());
        Assert.Equal(EffectiveMode.LiveAwaitingConnection, (await h.Connections.ListAsync(default)).Single(s => s.Status.Id == "stripe").Effective);
        Assert.Equal(1, await h.Gateway.ScalarAsync(
            "SELECT count(*) FROM business_events WHERE type = 'IntegrationDisconnected' AND data->>'action_id' = $1", undo.Outcome.Packet.ActionId));
    }

    [Theory]
    [InlineData("stirpe", "unknown integration 'stirpe'")]
    [InlineData("shopify", "shopify is not configured: set Integrations:Shopify:ShopDomain, Integrations:Shopify:AccessToken")]
    public async Task Unknown_or_unconfigured_integration_fails_with_a_clear_message_after_approval(string id, string message)
    {
        await using var h = await StripeHarness.CreateAsync(database);

        var proposed = await h.Gateway.Pipeline.SubmitAsync(Connect(new { integration_id = id }));
        var approved = await h.Gateway.Pipeline.ApproveAndExecuteAsync(proposed.ApprovalId!.Value, GatewayHarness.Founder, null, default);

        Assert.Equal(ActionStatus.Failed, approved.Outcome!.Status);
        Assert.Contains(message, approved.Outcome.Message);
        await using var db = database.CreateContext();
        Assert.False(await db.IntegrationConnections.AnyAsync(c => c.IntegrationId == id));
    }

    [Fact]
    public async Task Every_integration_is_sandbox_when_nothing_is_configured_whatever_the_rows_say()
    {
        await using var h = await StripeHarness.CreateAsync(database, stripeLive: false);
        await h.SetConnectionAsync(database, "connected");

        var states = await h.Connections.ListAsync(default);

        Assert.All(states, s => Assert.Equal(EffectiveMode.Sandbox, s.Effective));
        Assert.Empty(h.Services.GetServices<LiveShop.Plugins.Integrations.ILiveActionConnector>());
    }

    [Fact]
    public async Task List_integrations_tells_the_model_each_state_and_the_setting_names()
    {
        await using var h = await StripeHarness.CreateAsync(database);
        await h.SetConnectionAsync(database, "disconnected");

        var listed = System.Text.Json.JsonDocument.Parse(await new LiveShop.Plugins.Integrations.IntegrationsPlugin(h.Connections).ListIntegrationsAsync()).RootElement;

        var stripe = listed.GetProperty("integrations").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "stripe");
        Assert.Equal("Live credentials awaiting connection", stripe.GetProperty("state").GetString());
        Assert.Equal(["Integrations:Stripe:SecretKey"], stripe.GetProperty("required_settings").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain(FakeStripe.SecretKey, listed.GetRawText());
        Assert.Equal(21, listed.GetProperty("integrations").EnumerateArray().Count(i => i.GetProperty("state").GetString() == "Sandbox"));
    }

    [Fact]
    public async Task A_model_asking_to_disconnect_with_text_arguments_proposes_a_boolean_disconnect()
    {
        var kernels = new LiveShop.Plugins.Tests.Functions.ProductKernels(database, new LiveShop.Plugins.Tests.Functions.TestContextFactory(database), TimeProvider.System);
        var kernel = kernels.Kernel();

        await kernel.InvokeAsync(kernel.Plugins["Integrations"]["connect_integration"],
            new Microsoft.SemanticKernel.KernelArguments { ["integration_id"] = "stripe", ["disconnect"] = "True" });

        var packet = Assert.Single(kernels.Pipeline.Packets);
        Assert.Equal("connect_integration", packet.ProposedAction);
        Assert.Equal("stripe", packet.Parameters.GetProperty("integration_id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.True, packet.Parameters.GetProperty("disconnect").ValueKind);
    }
}
