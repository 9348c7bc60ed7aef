using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class InputReaderTests
{
    private const string Snapshot = """
        { "as_of": "2026-11-25T10:00:00Z", "finance": { "cash_balance": 42000, "avg_daily_net_burn": 1500 },
          "products": [ { "id": "p_1", "title": "Serum", "price": 39.0, "unit_cost": 9.5, "shipping_cost": 3.0, "fees_pct": 8.0, "stock": 120 } ],
          "ad_sets": [ { "id": "as_7", "product_id": "p_1", "daily_budget": 500, "roas_7d": 4.1, "projected_roas": null, "status": "active" } ],
          "orders": [ { "id": "o_1", "customer_id": "c_1", "total": 78.0, "placed_at": "2026-11-25T09:30:00Z", "ip": "1.2.3.4",
                        "device_id": "d_1", "billing_country": "AU", "shipping_country": "AU", "first_order": true, "refunded_amount": 0 } ],
          "refunds": [ { "order_id": "o_1", "customer_id": "c_1", "amount": 20.0, "at": "2026-11-25T09:40:00Z" } ],
          "budget_changes": [ { "ad_set_id": "as_7", "from": 400, "to": 500, "at": "2026-11-24T10:00:00Z" } ],
          "price_changes": [ { "product_id": "p_1", "from": 35.0, "to": 39.0, "at": "2026-11-23T10:00:00Z" } ] }
        """;

    [Fact]
    public void Contract_snapshot_reads_into_indexed_facts()
    {
        var facts = BusinessFacts.From(StateSnapshotReader.Parse(Snapshot));
        Assert.True(facts.TryGetAdSet("as_7", out var adSet));
        Assert.Equal(4.1m, adSet.Roas7d);
        Assert.Equal(400m, facts.BudgetInForceAt("as_7", facts.AsOf.AddDays(-7)));
        Assert.Equal(35m, facts.PriceInForceAt("p_1", facts.AsOf.AddDays(-7)));
        Assert.Equal(20m, facts.CustomerRefundsSince("c_1", facts.AsOf.AddHours(-24)));
        Assert.Equal(1, facts.CountOrdersFromIp("1.2.3.4", facts.AsOf.AddHours(-1)));
        Assert.StartsWith("snapshot:", facts.StateVersion);
    }

    [Fact]
    public void Snapshot_version_ignores_formatting_and_key_order()
    {
        var reordered = Snapshot.Replace("\"cash_balance\": 42000, \"avg_daily_net_burn\": 1500", "\"avg_daily_net_burn\": 1500.00,\n \"cash_balance\": 42000");
        Assert.Equal(
            StateSnapshotReader.ComputeVersion(StateSnapshotReader.Parse(Snapshot)),
            StateSnapshotReader.ComputeVersion(StateSnapshotReader.Parse(reordered)));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ \"as_of\": ", "state snapshot")]
    [InlineData("[1, 2]", "top level")]
    public void Unusable_snapshot_is_invalid_input(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidInputException>(() => StateSnapshotReader.Parse(json)).Message);

    [Fact]
    public void Mistyped_snapshot_field_is_named()
    {
        var json = Snapshot.Replace("\"price\": 39.0", "\"price\": \"cheap\"");
        Assert.Contains("products[0].price", Assert.Throws<InvalidInputException>(() => StateSnapshotReader.Parse(json)).Message);
    }

    [Fact]
    public void Packet_without_action_id_gets_one_and_accepts_numeric_text()
    {
        var packet = ActionPacketReader.Parse("""{ "proposed_action": "scale_ad_set", "parameters": { "ad_set_id": "as_7", "new_daily_budget": "600" } }""");
        Assert.True(Guid.TryParse(packet.ActionId, out _));
        Assert.True(ActionParameters.TryGetDecimal(packet.Parameters, "new_daily_budget", out var budget));
        Assert.Equal(600m, budget);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ nope", "malformed JSON")]
    [InlineData("""{ "parameters": {} }""", "'proposed_action' is required")]
    [InlineData("""{ "proposed_action": "refund_order", "parameters": [1] }""", "'parameters' must be a JSON object")]
    [InlineData("""{ "proposed_action": "refund_order", "parameters": { "order_id": "o_1", "reason": "x" } }""", "parameter 'amount' is required")]
    [InlineData("""{ "proposed_action": "refund_order", "parameters": { "order_id": "o_1", "amount": "abc", "reason": "x" } }""", "parameter 'amount'")]
    [InlineData("""{ "proposed_action": "reorder_stock", "parameters": { "product_id": "p_1", "quantity": 1.5 } }""", "parameter 'quantity'")]
    [InlineData("""{ "proposed_action": 7, "parameters": {} }""", "'proposed_action' must be text")]
    public void Defective_packet_is_invalid_input_naming_the_field(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidInputException>(() => ActionPacketReader.Parse(json)).Message);

    [Fact]
    public void Unknown_action_is_not_invalid_input_so_the_verifier_can_deny_it() =>
        Assert.Equal("launch_rocket", ActionPacketReader.Parse("""{ "proposed_action": "launch_rocket", "parameters": { "x": 1 } }""").ProposedAction);
}
