using System.Text.Json;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Tests.Facts;

/// <summary>
/// The verifier must reach the same verdict on live facts read from PostgreSQL as on the equivalent snapshot, for every
/// rule that reads history; the windows' edges are in the data (refund 25 h ago, order 59 and 61 minutes ago, …).
/// </summary>
public sealed class DatabaseFactsProviderTests(LiveFactsWorld world) : IClassFixture<LiveFactsWorld>
{
    private static readonly BusinessPolicy Policy = PolicyLoader.LoadDefault();

    public static TheoryData<string, string, Decision, RiskLevel> Cases => new()
    {
        // Refunds: 30 refunded 23 h ago counts towards the customer's 24 h sum; 50 refunded 25 h ago does not.
        { "refund_order", """{"order_id":"o_r1","amount":70,"reason":"damaged"}""", Decision.Allow, RiskLevel.L1 },
        { "refund_order", """{"order_id":"o_r1","amount":71,"reason":"damaged"}""", Decision.RequireApproval, RiskLevel.L2 },
        { "refund_order", """{"order_id":"o_r1","amount":150,"reason":"damaged"}""", Decision.RequireApproval, RiskLevel.L2 },
        { "refund_order", """{"order_id":"o_r1","amount":151,"reason":"damaged"}""", Decision.Deny, RiskLevel.L2 },
        { "refund_order", """{"order_id":"o_r2","amount":70,"reason":"damaged"}""", Decision.Allow, RiskLevel.L1 },
        { "refund_order", """{"order_id":"o_missing","amount":10,"reason":"damaged"}""", Decision.Deny, RiskLevel.L1 },
        // Ad sets: the paused as_3 is outside the cap; as_1's change 8 days ago is outside the 7-day window, as_2's is inside.
        { "scale_ad_set", """{"ad_set_id":"as_1","new_daily_budget":550}""", Decision.Allow, RiskLevel.L1 },
        { "scale_ad_set", """{"ad_set_id":"as_1","new_daily_budget":400}""", Decision.Allow, RiskLevel.L1 },
        { "scale_ad_set", """{"ad_set_id":"as_2","new_daily_budget":550}""", Decision.RequireApproval, RiskLevel.L2 },
        { "scale_ad_set", """{"ad_set_id":"as_1","new_daily_budget":1500}""", Decision.RequireApproval, RiskLevel.L2 },
        { "scale_ad_set", """{"ad_set_id":"as_1","new_daily_budget":1501}""", Decision.Deny, RiskLevel.L2 },
        { "scale_ad_set", """{"ad_set_id":"as_3","new_daily_budget":3100}""", Decision.Deny, RiskLevel.L1 },
        { "scale_ad_set", """{"ad_set_id":"as_weak","new_daily_budget":55}""", Decision.Deny, RiskLevel.L1 },
        { "scale_ad_set", """{"ad_set_id":"as_thin","new_daily_budget":55}""", Decision.Deny, RiskLevel.L1 },
        { "scale_ad_set", """{"ad_set_id":"as_missing","new_daily_budget":55}""", Decision.Deny, RiskLevel.L1 },
        // Prices: p_1 was 80 six days ago; p_2's change 8 days ago is outside the window.
        { "change_price", """{"product_id":"p_1","new_price":105}""", Decision.RequireApproval, RiskLevel.L2 },
        { "change_price", """{"product_id":"p_2","new_price":105}""", Decision.Allow, RiskLevel.L1 },
        { "change_price", """{"product_id":"p_2","new_price":35}""", Decision.Deny, RiskLevel.L2 },
        // Reorders: cash 60 000, burn 1 000 a day; paying 30 000 leaves exactly 30 days, 30 001 leaves less.
        { "reorder_stock", """{"product_id":"p_1","quantity":1000,"unit_cost":30}""", Decision.Allow, RiskLevel.L1 },
        { "reorder_stock", """{"product_id":"p_1","quantity":30001,"unit_cost":1}""", Decision.Deny, RiskLevel.L1 },
        { "reorder_stock", """{"product_id":"p_1","quantity":1001}""", Decision.Deny, RiskLevel.L1 },
        // Fraud holds: four orders from one ip within the hour (the oldest 59 min ago); three plus one 61 min ago;
        // four from one device, the oldest exactly 60 minutes ago; a large first order; a country mismatch.
        { "fulfill_order", """{"order_id":"o_f1"}""", Decision.RequireApproval, RiskLevel.L2 },
        { "fulfill_order", """{"order_id":"o_g1"}""", Decision.Allow, RiskLevel.L1 },
        { "fulfill_order", """{"order_id":"o_h1"}""", Decision.RequireApproval, RiskLevel.L2 },
        { "fulfill_order", """{"order_id":"o_big"}""", Decision.RequireApproval, RiskLevel.L2 },
        { "fulfill_order", """{"order_id":"o_abroad"}""", Decision.RequireApproval, RiskLevel.L2 },
        // Actions that read no facts.
        { "publish_listing", """{"product_id":"p_1","channel":"shopify","title":"Glow serum","description":"Miracle glow"}""", Decision.Deny, RiskLevel.L1 },
        { "pay_supplier", """{"supplier_id":"s_1","amount":10}""", Decision.RequireApproval, RiskLevel.L2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Live_facts_give_the_same_verdict_as_the_equivalent_snapshot(string action, string parameters, Decision decision, RiskLevel risk)
    {
        var packet = Packet(action, parameters);

        var live = await Verify(packet);
        var fromSnapshot = Verifier.Evaluate(Policy, BusinessFacts.From(world.Snapshot), packet, LiveFactsWorld.Now);

        Assert.True(live.Decision == decision, $"expected {decision}, got {live.Decision}: {string.Join("; ", live.Reasons)}");
        Assert.Equal(risk, live.RiskLevel);
        Assert.Equal(Comparable(fromSnapshot), Comparable(live));
    }

    [Fact]
    public async Task State_version_is_the_last_event_sequence_and_as_of_is_now()
    {
        var packet = Packet("fulfill_order", """{"order_id":"o_g1"}""");
        var facts = await Provider().GetFactsAsync(packet, CancellationToken.None);

        Assert.Equal($"events:{LiveFactsWorld.EventsAppended}", facts.StateVersion);
        Assert.Equal(LiveFactsWorld.Now, facts.AsOf);
    }

    [Fact]
    public async Task Refund_25_hours_ago_is_not_counted_and_one_23_hours_ago_is()
    {
        var facts = await Provider().GetFactsAsync(Packet("refund_order", """{"order_id":"o_r1","amount":1,"reason":"x"}"""), CancellationToken.None);

        Assert.Equal(30m, facts.CustomerRefundsSince("c_r", LiveFactsWorld.Now.AddHours(-24)));
        Assert.True(facts.TryGetOrder("o_r1", out var order));
        Assert.Equal(50m, order.RefundedAmount); // the rejected refund of 90 is not a refund
    }

    [Fact]
    public async Task Orders_59_minutes_ago_count_and_61_minutes_ago_do_not()
    {
        var f = await Provider().GetFactsAsync(Packet("fulfill_order", """{"order_id":"o_f1"}"""), CancellationToken.None);
        var g = await Provider().GetFactsAsync(Packet("fulfill_order", """{"order_id":"o_g1"}"""), CancellationToken.None);

        Assert.Equal(4, f.CountOrdersFromIp("10.1.1.1", LiveFactsWorld.Now.AddHours(-1)));
        Assert.Equal(3, g.CountOrdersFromIp("10.2.2.2", LiveFactsWorld.Now.AddHours(-1)));
        Assert.Equal(2, g.CountOrdersFromDevice("d_g1", LiveFactsWorld.Now.AddHours(-1)));
    }

    [Fact]
    public async Task Ad_set_roas_comes_from_the_trailing_seven_days_of_metrics_and_the_cap_from_active_ad_sets()
    {
        var facts = await Provider().GetFactsAsync(Packet("scale_ad_set", """{"ad_set_id":"as_weak","new_daily_budget":60}"""), CancellationToken.None);

        Assert.True(facts.TryGetAdSet("as_weak", out var adSet));
        Assert.Equal(0.5m, adSet.Roas7d);
        Assert.Equal(4000m, facts.ActiveDailyBudgetTotal);
        Assert.True(facts.TryGetProduct("p_2", out _));
    }

    [Fact]
    public async Task Finance_is_the_cash_account_balance_and_the_average_daily_net_outflow_of_30_days()
    {
        var facts = await Provider().GetFactsAsync(Packet("reorder_stock", """{"product_id":"p_1","quantity":1}"""), CancellationToken.None);

        Assert.Equal(60_000m, facts.Finance.CashBalance);
        Assert.Equal(1_000m, facts.Finance.AvgDailyNetBurn);
    }

    [Fact]
    public async Task Only_what_the_action_needs_is_read()
    {
        var facts = await Provider().GetFactsAsync(Packet("change_price", """{"product_id":"p_1","new_price":101}"""), CancellationToken.None);

        Assert.True(facts.TryGetProduct("p_1", out _));
        Assert.False(facts.TryGetProduct("p_2", out _));
        Assert.False(facts.TryGetOrder("o_r1", out _));
        Assert.False(facts.TryGetAdSet("as_1", out _));
        Assert.Equal(80m, facts.PriceInForceAt("p_1", LiveFactsWorld.Now.AddDays(-7)));
    }

    private DatabaseFactsProvider Provider() => new(world.DataSource, new FixedTime(LiveFactsWorld.Now), Policy);

    private async Task<Verdict> Verify(ActionPacket packet)
    {
        var facts = await Provider().GetFactsAsync(packet, CancellationToken.None);
        return Verifier.Evaluate(Policy, facts, packet, LiveFactsWorld.Now);
    }

    private static ActionPacket Packet(string action, string parameters) => new()
    {
        ActionId = "a_1",
        ProposedAction = action,
        Parameters = JsonDocument.Parse(parameters).RootElement.Clone(),
    };

    // Everything the verdict decides and why; the state version legitimately differs (events:N versus snapshot:…).
    private static string Comparable(Verdict verdict) => JsonSerializer.Serialize(new
    {
        verdict.Decision, verdict.RiskLevel, verdict.Approver, verdict.Reasons, verdict.Proof.InvariantChecks,
    }, JsonDefaults.Options);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
