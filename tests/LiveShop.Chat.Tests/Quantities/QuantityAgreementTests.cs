using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Assistance;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Memory.Metrics;
using LiveShop.Plugins.Ads;
using LiveShop.Plugins.Commerce;
using LiveShop.Plugins.Commerce.Recording;
using LiveShop.Plugins.Fulfillment;
using LiveShop.Plugins.Payments;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Quantities;

/// <summary>
/// Every consumer of a business quantity — what the model reads through the plugins, what the verifier enforces, what the
/// dashboard shows and what the simulator books — reports the same number for the same business.
/// </summary>
public sealed class QuantityAgreementTests(QuantitiesBusiness business) : IClassFixture<QuantitiesBusiness>
{
    private static readonly BusinessPolicy Policy = PolicyLoader.LoadDefault();

    [Theory]
    [InlineData("o_1", 80, 120)] // processed 50 + requested 20 + approved 10; rejected, failed and cancelled refunds do not count
    [InlineData("o_2", 0, 100)] // only a cancelled refund
    [InlineData("o_3", 100, 0)]
    public async Task Refunded_and_refundable_amounts_agree_between_the_model_and_the_verifier(string orderId, decimal refunded, decimal refundable)
    {
        var order = await VerifierOrder(orderId);
        var modelView = await GetOrder(orderId);

        Assert.Equal(refunded, order.RefundedAmount);
        Assert.Equal(refunded, modelView.GetProperty("refunded_amount").GetDecimal());
        Assert.Equal(refundable, modelView.GetProperty("refundable").GetDecimal());
        Assert.Equal(refundable, (await RefundWithinRemaining(orderId)).Threshold);
    }

    [Fact]
    public async Task The_inline_assistant_states_the_refunded_and_refundable_amounts_the_verifier_uses()
    {
        var answer = await new OrderQuestionAssistant(business.DataSource).AskAsync(QuantitiesBusiness.SupportEmail, "where is o_1?", CancellationToken.None);
        var order = await VerifierOrder("o_1");

        Assert.Contains(FormattableString.Invariant($"Refunded {order.RefundedAmount:0.00}, refundable {order.Total - order.RefundedAmount:0.00}."), answer);
        Assert.Contains("Refunded 80.00, refundable 120.00.", answer);
    }

    [Fact]
    public async Task Refunded_on_the_dashboard_is_what_the_orders_of_the_window_have_refunded()
    {
        var overview = await Overview();

        // Sales of the last 30 days that refunded anything: o_1 (80) and o_3 (100).
        Assert.Equal(180m, overview.RefundedAmount);
        Assert.Equal(6, overview.Orders);
        Assert.Equal(720m, overview.Revenue);
    }

    [Fact]
    public async Task Recording_a_refund_counts_only_what_was_refunded_before_it()
    {
        // o_8 (100) has a rejected, a failed and a cancelled refund of 100 each: nothing was refunded, so 10 more is partial.
        await using (var db = business.CreateContext())
        {
            var order = await db.Orders.SingleAsync(o => o.Id == "o_8");
            await RefundRecording.RecordAsync(db, order, "rf_o8_partial", 10m, "damaged", QuantitiesBusiness.Now, CancellationToken.None);
            Assert.Equal("partially_refunded", order.Status);
            await db.SaveChangesAsync();
        }

        Assert.Equal(10m, (await VerifierOrder("o_8")).RefundedAmount);
        Assert.Equal(10m, (await GetOrder("o_8")).GetProperty("refunded_amount").GetDecimal());
    }

    [Fact]
    public async Task Refund_rate_is_the_share_of_sales_that_refunded_anything_on_the_dashboard_and_per_channel()
    {
        var overview = await Overview();
        var channels = await ChannelSummary(days: 30);

        // Two of six sales (o_1, o_3); shopify one of four (o_1 of o_1, o_2, o_6, o_9); tiktok_shop one of two (o_3 of o_3, o_7).
        Assert.Equal(33.33m, overview.RefundRatePct);
        Assert.Equal(25m, channels["shopify"].GetProperty("refund_rate_pct").GetDecimal());
        Assert.Equal(50m, channels["tiktok_shop"].GetProperty("refund_rate_pct").GetDecimal());
    }

    [Fact]
    public async Task Chargeback_rate_is_the_share_of_sales_disputed_on_the_dashboard_and_per_channel()
    {
        var overview = await Overview();
        var channels = await ChannelSummary(days: 30);

        // o_6 of the six sales; of shopify's four; none of tiktok_shop's two.
        Assert.Equal(16.67m, overview.ChargebackRatePct);
        Assert.Equal(25m, channels["shopify"].GetProperty("chargeback_rate_pct").GetDecimal());
        Assert.Equal(0m, channels["tiktok_shop"].GetProperty("chargeback_rate_pct").GetDecimal());
    }

    [Fact]
    public async Task Roas_over_seven_days_agrees_between_the_verifier_and_the_ad_reports()
    {
        var facts = await Facts("scale_ad_set", """{"ad_set_id":"as_1","new_daily_budget":100}""");
        var ads = new AdsPlugin(business.Contexts, business.Clock);
        var adSetReport = JsonDocument.Parse(await ads.GetAdSetPerformanceAsync("as_1", days: 7)).RootElement;
        var platformReport = JsonDocument.Parse(await ads.GetAdPlatformSummaryAsync("meta_ads", days: 7)).RootElement;

        // (300 + 100) / (100 + 100) over [today − 6, today]; the 1000 of revenue seven days back is outside.
        Assert.True(facts.TryGetAdSet("as_1", out var adSet));
        Assert.Equal(2m, adSet.Roas7d);
        Assert.Equal(2m, adSetReport.GetProperty("ad_sets")[0].GetProperty("roas").GetDecimal());
        Assert.Equal(2m, platformReport.GetProperty("platforms")[0].GetProperty("roas").GetDecimal());
    }

    [Fact]
    public async Task Contribution_margin_the_verifier_checks_is_the_one_the_ad_set_report_shows()
    {
        var packet = Packet("scale_ad_set", """{"ad_set_id":"as_1","new_daily_budget":105}""");
        var verdict = Verifier.Evaluate(Policy, await Facts(packet), packet, QuantitiesBusiness.Now);
        var report = JsonDocument.Parse(await new AdsPlugin(business.Contexts, business.Clock).GetAdSetPerformanceAsync("as_1", days: 7)).RootElement;

        // p_a at ROAS 2: 100 − 30 − 5 − 100 × 5 % − 100 / 2 = 10 of 100.
        var check = Assert.Single(verdict.Proof.InvariantChecks, c => c.Id == "margin_floor");
        Assert.Equal(10m, check.Value);
        Assert.Equal(10m, report.GetProperty("ad_sets")[0].GetProperty("contribution_margin_pct").GetDecimal());
    }

    [Fact]
    public async Task Contribution_margin_of_orders_products_and_channels_adds_up_the_same_everywhere()
    {
        var overview = await Overview();
        var channels = await ChannelSummary(days: 30);
        var top = JsonDocument.Parse(await new CommercePlugin(business.Contexts, business.Clock).ListTopProductsAsync(days: 30)).RootElement;
        var perOrder = new Dictionary<string, decimal>();
        foreach (var id in new[] { "o_1", "o_2", "o_3", "o_6", "o_7", "o_9" })
            perOrder[id] = (await GetOrder(id)).GetProperty("contribution_margin").GetDecimal();

        // Each line of p_a: revenue − (30 cost + 5 shipping) − 5 % fees − what the order refunded:
        // o_1 200 − 35 − 10 − 80 = 75, o_2 60, o_3 100 − 35 − 5 − 100 = −40, o_6 120 − 35 − 6 = 79, o_7 60, o_9 60.
        Assert.Equal([75m, 60m, -40m, 79m, 60m, 60m], perOrder.Values);
        Assert.Equal(JsonValueKind.Null, (await GetOrder("o_4")).GetProperty("contribution_margin").ValueKind); // cancelled: not a sale
        Assert.Equal(274m, channels["shopify"].GetProperty("contribution_margin").GetDecimal());
        Assert.Equal(perOrder["o_1"] + perOrder["o_2"] + perOrder["o_6"] + perOrder["o_9"], channels["shopify"].GetProperty("contribution_margin").GetDecimal());
        Assert.Equal(20m, channels["tiktok_shop"].GetProperty("contribution_margin").GetDecimal());
        Assert.Equal(294m, overview.ContributionMargin);
        Assert.Equal(294m, Assert.Single(overview.TopProducts).ContributionMargin);
        Assert.Equal(294m, top.GetProperty("products")[0].GetProperty("contribution_margin").GetDecimal());
    }

    [Fact]
    public async Task Delivery_sla_agrees_between_the_dashboard_and_the_fulfilment_report()
    {
        var overview = await Overview();
        var report = JsonDocument.Parse(await new FulfillmentPlugin(business.Contexts, business.Clock).GetFulfilmentStatusAsync("au_3pl", days: 30)).RootElement;

        // Shipped in the last 30 days: o_1 (47 h), o_2 (49 h, late), o_3 (48 h, on the boundary), o_6 (10 h), o_9 (30 h).
        var provider = report.GetProperty("providers")[0];
        Assert.Equal(5, provider.GetProperty("shipped").GetInt32());
        Assert.Equal(80.0, provider.GetProperty("sla_met_pct").GetDouble());
        Assert.Equal(80.0, overview.SlaMetPct);
    }

    [Fact]
    public async Task Roas_over_thirty_days_agrees_between_the_dashboard_and_the_platform_report()
    {
        var overview = await Overview();
        var report = JsonDocument.Parse(await new AdsPlugin(business.Contexts, business.Clock).GetAdPlatformSummaryAsync(days: 30)).RootElement;

        // 1550 / 380 over [today − 29, today]; the spend of 500 thirty days back is outside.
        Assert.Equal(380m, overview.AdSpend);
        Assert.Equal(4.08m, overview.Roas);
        Assert.Equal(4.08m, report.GetProperty("blended_roas").GetDecimal());
    }

    [Fact]
    public async Task Cash_runway_agrees_between_the_verifier_and_the_cash_report()
    {
        // A reorder that costs nothing leaves the runway as it is: the verifier's cash_runway check states it.
        var packet = Packet("reorder_stock", """{"product_id":"p_a","quantity":1,"unit_cost":0}""");
        var facts = await Facts(packet);
        var check = Assert.Single(Verifier.Evaluate(Policy, facts, packet, QuantitiesBusiness.Now).Proof.InvariantChecks, c => c.Id == "cash_runway");
        var report = JsonDocument.Parse(await new PaymentsPlugin(business.Contexts, business.Clock).GetCashRunwayAsync()).RootElement;

        Assert.Equal(99_000m, facts.Finance.CashBalance);
        Assert.Equal(99_000m, report.GetProperty("cash_balance").GetDecimal());
        Assert.Equal(Math.Round(1_000m / 30, 2), report.GetProperty("avg_daily_net_burn").GetDecimal());
        Assert.Equal(2_970m, Math.Round(check.Value!.Value, 1));
        Assert.Equal(2_970m, report.GetProperty("runway_days").GetDecimal());
    }

    // The refund rule's check of what is left to refund on the order, for a refund of 1.
    private async Task<InvariantCheck> RefundWithinRemaining(string orderId)
    {
        var packet = Packet("refund_order", $$"""{"order_id":"{{orderId}}","amount":1,"reason":"damaged"}""");
        var verdict = Verifier.Evaluate(Policy, await Facts(packet), packet, QuantitiesBusiness.Now);
        return Assert.Single(verdict.Proof.InvariantChecks, c => c.Id == "refund_within_remaining");
    }

    private Task<BusinessOverview> Overview() => new BusinessOverviewQuery(business.Contexts, business.Clock).GetAsync(days: 30);

    private async Task<JsonElement> GetOrder(string orderId) =>
        JsonDocument.Parse(await new CommercePlugin(business.Contexts, business.Clock).GetOrderAsync(orderId)).RootElement;

    private async Task<Dictionary<string, JsonElement>> ChannelSummary(int days) =>
        JsonDocument.Parse(await new CommercePlugin(business.Contexts, business.Clock).GetChannelSummaryAsync(days: days)).RootElement
            .GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);

    private async Task<OrderFact> VerifierOrder(string orderId)
    {
        var facts = await Facts("refund_order", $$"""{"order_id":"{{orderId}}","amount":1,"reason":"damaged"}""");
        Assert.True(facts.TryGetOrder(orderId, out var order));
        return order;
    }

    private Task<BusinessFacts> Facts(string action, string parameters) => Facts(Packet(action, parameters));

    private async Task<BusinessFacts> Facts(ActionPacket packet) =>
        await new DatabaseFactsProvider(business.DataSource, business.Clock, Policy).GetFactsAsync(packet, CancellationToken.None);

    private static ActionPacket Packet(string action, string parameters) => new()
    {
        ActionId = "a_quantities",
        ProposedAction = action,
        Parameters = JsonDocument.Parse(parameters).RootElement.Clone(),
    };
}
