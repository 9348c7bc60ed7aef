using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Automation;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Automation;

/// <summary>
/// Automated requests go through the real pipeline as <c>automation:&lt;name&gt;</c> for a persona allowed the action, and
/// the same trigger asking for the same thing acts once however often it is delivered.
/// </summary>
public sealed class AutomationRequesterTests(AutomationRequesterTests.World world) : IClassFixture<AutomationRequesterTests.World>
{
    private static readonly PersonaCatalog Personas = PersonaCatalogLoader.LoadDefault();

    /// <summary>Ad sets to pause.</summary>
    public sealed class World : TestDatabase, IAsyncLifetime
    {
        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LimitedBusiness.AddAdSetsAsync(this, [("as_auto_1", 100m), ("as_auto_2", 100m)], GatewayHarness.Start);
        }
    }

    private static AutomationRequest Pause(string adSetId, string trigger) =>
        new("roas_kill_switch", "pause_ad_set", new Dictionary<string, object?> { ["ad_set_id"] = adSetId }, trigger, "ROAS below the floor");

    [Fact]
    public async Task A_redelivered_trigger_executes_once_and_answers_the_first_execution()
    {
        var h = await GatewayHarness.CreateLiveAsync(world);
        var requester = new AutomationRequester(h.Pipeline, Personas);

        var first = await requester.RequestAsync(Pause("as_auto_1", "event:e1"), CancellationToken.None);
        var again = await requester.RequestAsync(Pause("as_auto_1", "event:e1"), CancellationToken.None);

        Assert.Equal(ActionStatus.Executed, first.Status);
        Assert.Equal(ActionStatus.Executed, again.Status);
        Assert.Equal("automation:roas_kill_switch", first.Packet.RequestedBy);
        Assert.Equal("ads_optimizer", first.Packet.Agent);
        Assert.Equal(first.Packet.ActionId, again.Packet.ActionId);
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM gateway_executions WHERE idempotency_key = $1", first.Packet.IdempotencyKey!));
    }

    [Fact]
    public void The_key_depends_on_trigger_and_arguments_not_on_their_order()
    {
        var a = AutomationRequester.Packet(new("r", "change_price",
            new Dictionary<string, object?> { ["product_id"] = "p_1", ["new_price"] = 20m }, "event:e1", "x"), "cro");
        var reordered = AutomationRequester.Packet(new("r", "change_price",
            new Dictionary<string, object?> { ["new_price"] = 20.00m, ["product_id"] = "p_1" }, "event:e1", "y"), "cro");
        var otherTrigger = AutomationRequester.Packet(new("r", "change_price",
            new Dictionary<string, object?> { ["product_id"] = "p_1", ["new_price"] = 20m }, "event:e2", "x"), "cro");
        var otherPrice = AutomationRequester.Packet(new("r", "change_price",
            new Dictionary<string, object?> { ["product_id"] = "p_1", ["new_price"] = 21m }, "event:e1", "x"), "cro");

        Assert.Equal(a.IdempotencyKey, reordered.IdempotencyKey);
        Assert.NotEqual(a.IdempotencyKey, otherTrigger.IdempotencyKey);
        Assert.NotEqual(a.IdempotencyKey, otherPrice.IdempotencyKey);
        Assert.StartsWith("automation:r:", a.IdempotencyKey);
        Assert.Contains("event:e1", a.Evidence!.Value.GetRawText());
    }

    [Theory]
    [InlineData("respond_ticket", "customer_support_lead")]
    [InlineData("pause_ad_set", "ads_optimizer")]
    [InlineData("reorder_stock", "supplier_sourcing")]
    public void The_persona_is_the_narrowest_one_allowed_the_action(string action, string persona)
    {
        var requester = new AutomationRequester(new NoPipeline(), Personas);
        Assert.Equal(persona, requester.PersonaFor(action));
        Assert.Contains(action, Personas.Get(persona).Functions);
    }

    private sealed class NoPipeline : IActionPipeline
    {
        public Task<ActionOutcome> SubmitAsync(LiveShop.Kernel.Verification.ActionPacket packet, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not submitted in this test");
    }
}
