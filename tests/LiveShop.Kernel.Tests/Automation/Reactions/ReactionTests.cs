using LiveShop.Kernel.Automation.Reactions;
using LiveShop.Kernel.Tests.Gateway;

namespace LiveShop.Kernel.Tests.Automation.Reactions;

/// <summary>Each reaction fires on its event through the real pipeline, stays quiet otherwise, and acts once however often an event is delivered.</summary>
public sealed class ReactionTests(ReactionBusiness business) : IClassFixture<ReactionBusiness>
{
    private static Memory.Events.NewEvent TicketOpened(string ticketId, string? orderId) =>
        ReactionHarness.Event("TicketOpened", new { ticket_id = ticketId, customer_id = "c_1", channel = "shopify", priority = "normal", order_id = orderId });

    [Fact]
    public async Task Common_tickets_are_answered_with_the_order_and_the_refund_policy_and_the_rest_escalated()
    {
        var h = await ReactionHarness.CreateAsync(business);

        await h.AppendAndCatchUpAsync(
            TicketOpened("t_where", "o_late"), TicketOpened("t_small", "o_small"), TicketOpened("t_big", "o_big"),
            TicketOpened("t_question", null), TicketOpened("t_urgent", "o_late"));

        var replies = (await h.DecisionsAsync(TicketReaction.AutomationName)).Where(r => r.Parameters.GetProperty("ticket_id").GetString() != "t_again").ToList();
        Assert.Equal(["t_small", "t_where"], replies.Select(r => r.Parameters.GetProperty("ticket_id").GetString()).Order());
        Assert.All(replies, r => Assert.Equal(("respond_ticket", "allow"), (r.Action, r.Decision)));
        var where = replies.Single(r => r.Parameters.GetProperty("ticket_id").GetString() == "t_where").Parameters.GetProperty("message").GetString()!;
        Assert.Contains("o_late", where);
        Assert.Contains("Title p_calm", where);
        Assert.Contains("17 November 2026", where);
        var refund = replies.Single(r => r.Parameters.GetProperty("ticket_id").GetString() == "t_small").Parameters.GetProperty("message").GetString()!;
        Assert.Contains("100.00 AUD", refund);
        Assert.Contains("20.00 AUD", refund);
        Assert.Equal("pending", await TicketStatusAsync(h, "t_where"));
        Assert.Equal("open", await TicketStatusAsync(h, "t_question"));

        var triaged = (await h.PlatformEventsAsync(TicketReaction.TriagedEvent)).ToDictionary(e => e.GetProperty("ticket_id").GetString()!);
        Assert.Equal("responded", triaged["t_where"].GetProperty("outcome").GetString());
        Assert.Equal("delivery_status", triaged["t_where"].GetProperty("category").GetString());
        Assert.Equal(("escalated", "returns_refunds"), Outcome(triaged["t_big"]));
        Assert.Equal(("escalated", "customer_support_lead"), Outcome(triaged["t_question"]));
        Assert.Equal(("escalated", "customer_support_lead"), Outcome(triaged["t_urgent"]));
        Assert.Equal("urgent", triaged["t_urgent"].GetProperty("urgency").GetString());
        Assert.Equal("negative", triaged["t_urgent"].GetProperty("sentiment").GetString());
    }

    [Fact]
    public async Task A_redelivered_ticket_event_answers_the_customer_once()
    {
        var h = await ReactionHarness.CreateAsync(business);
        var opened = ReactionHarness.Stored(TicketOpened("t_again", "o_late"));
        var before = await h.ScalarAsync("SELECT count(*) FROM gateway_executions WHERE action = 'respond_ticket'");

        await h.Tickets.HandleAsync(opened, CancellationToken.None);
        await h.Tickets.HandleAsync(opened, CancellationToken.None);

        Assert.Equal(before + 1, await h.ScalarAsync("SELECT count(*) FROM gateway_executions WHERE action = 'respond_ticket'"));
        Assert.Single(await h.PlatformEventsAsync(TicketReaction.TriagedEvent), e => e.GetProperty("ticket_id").GetString() == "t_again");
    }

    [Fact]
    public async Task The_refund_that_makes_a_repeated_fault_notifies_quality_and_risk_and_pauses_the_products_ads_once()
    {
        var h = await ReactionHarness.CreateAsync(business);
        var refunds = Enumerable.Range(1, ReactionBusiness.FaultRefunds).Select(i => ReactionHarness.Event("RefundRequested",
            new { refund_id = $"rf_f{i}", order_id = $"o_f{i}", customer_id = "c_1", amount = 50m, reason = "defective" }, ReactionBusiness.FaultAt(i))).ToArray();
        var calm = ReactionHarness.Event("RefundRequested", new { refund_id = "rf_c1", order_id = "o_c1", customer_id = "c_1", amount = 50m, reason = "defective" },
            ReactionBusiness.Now.AddDays(-4));

        await h.AppendAndCatchUpAsync([calm, .. refunds]);

        var detected = Assert.Single(await h.PlatformEventsAsync(RepeatedFaultReaction.DetectedEvent));
        Assert.Equal("p_fault", detected.GetProperty("product_id").GetString());
        Assert.Equal(5, detected.GetProperty("count").GetInt32());
        Assert.Equal("rf_f5", detected.GetProperty("refund_id").GetString());
        Assert.Equal("quality_risk", detected.GetProperty("notify").GetString());
        var alert = Assert.Single(await h.Alerts.ListAsync(null, 1000, CancellationToken.None), a => a.Draft.EntityId == "p_fault");
        Assert.Equal(("repeated_fault", 5m, "automation:repeated_faults"), (alert.Draft.Kind, alert.Draft.Observed, alert.Draft.RaisedBy));
        var pause = Assert.Single(await h.DecisionsAsync(RepeatedFaultReaction.AutomationName));
        Assert.Equal(("pause_ad_set", "allow", "as_fault"), (pause.Action, pause.Decision, pause.Parameters.GetProperty("ad_set_id").GetString()));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM ad_sets WHERE id = 'as_fault' AND status = 'paused'"));
        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM ad_sets WHERE id = 'as_calm' AND status = 'active'"));
    }

    [Fact]
    public async Task Low_stock_proposes_a_reorder_through_the_runway_invariant_unless_a_purchase_order_is_open()
    {
        var h = await ReactionHarness.CreateAsync(business);

        await h.AppendAndCatchUpAsync(
            ReactionHarness.Event("StockLow", new { product_id = "p_low", stock = 3, threshold = 10 }),
            ReactionHarness.Event("StockLow", new { product_id = "p_ordered", stock = 2, threshold = 10 }));

        var reorder = Assert.Single(await h.DecisionsAsync(ReorderReaction.AutomationName));
        Assert.Equal("reorder_stock", reorder.Action);
        Assert.Equal("p_low", reorder.Parameters.GetProperty("product_id").GetString());
        // No sales in the window: twice the reorder point (20) less the 3 in stock.
        Assert.Equal(17, reorder.Parameters.GetProperty("quantity").GetInt32());
        // The test business has no cash in its ledger, so the runway invariant refuses to pay for it.
        Assert.Equal("deny", reorder.Decision);
    }

    [Fact]
    public async Task A_cost_rise_below_the_margin_floor_alerts_and_proposes_the_price_that_restores_it_and_a_small_one_stays_quiet()
    {
        var h = await ReactionHarness.CreateAsync(business);

        await h.AppendAndCatchUpAsync(
            ReactionHarness.Event("SupplierCostChanged", new { supplier_id = "s_1", product_id = "p_calm", from_cost = 20m, to_cost = 21m, change_pct = 5m }),
            ReactionHarness.Event("SupplierCostChanged", new { supplier_id = "s_1", product_id = "p_cost", from_cost = 15m, to_cost = 22m, change_pct = 46.67m }));

        var alert = Assert.Single(await h.PlatformEventsAsync(SupplierCostReaction.AlertEvent));
        Assert.Equal("p_cost", alert.GetProperty("product_id").GetString());
        Assert.Equal(5m, alert.GetProperty("margin_pct").GetDecimal());
        var raised = await h.Alerts.ListAsync(null, 1000, CancellationToken.None);
        var costAlert = Assert.Single(raised, a => a.Draft.EntityId == "p_cost");
        Assert.Equal(("margin_below_floor", 5m, 15m), (costAlert.Draft.Kind, costAlert.Draft.Observed, costAlert.Draft.ExpectedLow));
        // The 46.67 % rise is past the alert threshold (15 %), the 5 % one is ordinary repricing.
        var increase = Assert.Single(raised, a => a.Draft.Kind == "supplier_cost_increase" && a.Draft.EntityId == "s_1");
        Assert.Equal(46.67m, increase.Draft.Observed);
        Assert.DoesNotContain(raised, a => a.Draft.EntityId == "p_calm");
        var price = Assert.Single(await h.DecisionsAsync(SupplierCostReaction.AutomationName));
        Assert.Equal("change_price", price.Action);
        // (22 + 5) / (1 − 5 % fees − 15 % floor) = 33.75, a 12.5 % step: above the 10 % an automation may take alone.
        Assert.Equal(33.75m, price.Parameters.GetProperty("new_price").GetDecimal());
        Assert.Equal("require_approval", price.Decision);
    }

    private static (string?, string?) Outcome(System.Text.Json.JsonElement e) =>
        (e.GetProperty("outcome").GetString(), e.TryGetProperty("escalated_to", out var to) ? to.GetString() : null);

    private static async Task<string> TicketStatusAsync(ReactionHarness h, string ticketId)
    {
        await using var command = h.Database.DataSource.CreateCommand("SELECT status FROM support_tickets WHERE id = $1");
        command.Parameters.Add(new() { Value = ticketId });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
