using LiveShop.Kernel.Actions.Definitions;
using System.Text.Json;
using LiveShop.Plugins.Ads;
using LiveShop.Plugins.Ads.Platforms;
using LiveShop.Plugins.Commerce;
using LiveShop.Plugins.Commerce.Channels;
using LiveShop.Plugins.Fulfillment;
using LiveShop.Plugins.Fulfillment.Providers;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Payments.Providers;
using LiveShop.Plugins.Support;
using LiveShop.Plugins.Support.Helpdesks;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Families;

public sealed class FamilySandboxTests(SeededBusiness business) : IClassFixture<SeededBusiness>
{
    private static readonly string[] NotSales = ["cancelled", "payment_failed"];
    private static DateTimeOffset Now => SeededBusiness.Now;

    [Fact]
    public void Every_provider_of_every_family_with_a_contract_has_a_sandbox_answering_for_it()
    {
        var contexts = business.Contexts;
        var ids = SandboxSalesChannel.ForEveryChannel(contexts).Select(c => c.IntegrationId)
            .Concat(SandboxAdPlatform.ForEveryPlatform(contexts).Select(p => p.IntegrationId))
            .Concat(SandboxFulfilmentProvider.ForEveryProvider(contexts).Select(p => p.IntegrationId))
            .Concat(SandboxHelpdesk.ForEveryHelpdesk(contexts).Select(h => h.IntegrationId))
            .Concat(SandboxPaymentProvider.ForEveryProvider(contexts).Select(p => p.IntegrationId))
            .Concat(Accounting.SandboxLedger.ForEveryProvider(contexts).Select(l => l.IntegrationId))
            .Order().ToList();

        Assert.Equal(IntegrationCatalog.All.Where(i => i.Family != IntegrationFamily.Research).Select(i => i.Id).Order(), ids);
    }

    [Fact]
    public async Task Channel_summary_counts_each_channels_own_orders_and_refunds()
    {
        var json = JsonDocument.Parse(await new CommercePlugin(business.Contexts, business.Clock).GetChannelSummaryAsync(days: 7)).RootElement;

        var from = Now.AddDays(-7);
        var channels = json.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        Assert.Equal(["shopify", "tiktok_shop", "youtube", "amazon", "ebay", "etsy"], channels.Keys);
        foreach (var (channel, row) in channels)
        {
            var orders = business.World.Orders.Where(o => o.Channel == channel && o.PlacedAt >= from && o.PlacedAt < Now && !NotSales.Contains(o.Status)).ToList();
            Assert.Equal(orders.Count, row.GetProperty("orders").GetInt32());
            Assert.Equal(orders.Sum(o => o.Total), row.GetProperty("revenue").GetDecimal());
            var refunds = business.World.Refunds.Where(r => r.Status == "processed" && r.ProcessedAt >= from && r.ProcessedAt < Now
                && business.World.Orders.Single(o => o.Id == r.OrderId).Channel == channel).Sum(r => r.Amount);
            Assert.Equal(refunds, row.GetProperty("refunds").GetDecimal());
            Assert.Equal(business.World.Listings.Count(l => l.Channel == channel && l.Status == "active"), row.GetProperty("live_listings").GetInt32());
        }
        Assert.True(channels["shopify"].GetProperty("orders").GetInt32() > 0);
        Assert.Equal(0, channels["amazon"].GetProperty("orders").GetInt32());
    }

    [Fact]
    public async Task Ad_platform_summary_adds_up_the_metrics_of_the_platforms_own_campaigns()
    {
        var plugin = new AdsPlugin(business.Contexts, business.Clock);
        var json = JsonDocument.Parse(await plugin.GetAdPlatformSummaryAsync(days: 7)).RootElement;

        var today = SeededBusiness.Anchor;
        foreach (var row in json.GetProperty("platforms").EnumerateArray())
        {
            var platform = row.GetProperty("platform").GetString();
            var adSets = business.World.AdSets.Where(a => business.World.Campaigns.Single(c => c.Id == a.CampaignId).Platform == platform).Select(a => a.Id).ToHashSet();
            var metrics = business.World.AdMetrics.Where(m => adSets.Contains(m.AdSetId) && m.Date >= today.AddDays(-6) && m.Date <= today).ToList();
            Assert.Equal(metrics.Sum(m => m.Spend), row.GetProperty("spend").GetDecimal());
            Assert.Equal(metrics.Sum(m => m.Revenue), row.GetProperty("revenue").GetDecimal());
            var spend = metrics.Sum(m => m.Spend);
            if (spend > 0) Assert.Equal(Math.Round(metrics.Sum(m => m.Revenue) / spend, 2), row.GetProperty("roas").GetDecimal());
        }
        Assert.True(json.GetProperty("total_spend").GetDecimal() > 0);

        var one = JsonDocument.Parse(await plugin.GetAdPlatformSummaryAsync(platform: "meta_ads")).RootElement;
        Assert.Equal("meta_ads", one.GetProperty("platforms").EnumerateArray().Single().GetProperty("platform").GetString());
        Assert.StartsWith("no ad platform snapchat_ads", await plugin.GetAdPlatformSummaryAsync(platform: "snapchat_ads"));
    }

    [Fact]
    public async Task Fulfilment_routing_gives_every_order_exactly_one_provider_and_the_backlogs_add_up()
    {
        await using var db = business.CreateContext();
        foreach (var provider in SandboxFulfilmentProvider.ForEveryProvider(business.Contexts).Select(p => p.IntegrationId))
        {
            var routed = await db.Orders.Where(FulfilmentRouting.OrdersOf(provider)).Select(o => new { o.ShippingCountry, o.LiveShowId }).ToListAsync();
            Assert.NotEmpty(routed);
            Assert.All(routed, o => Assert.Equal(provider, FulfilmentRouting.ProviderFor(o.ShippingCountry, o.LiveShowId)));
        }
        var routedTotal = 0;
        foreach (var provider in new[] { "au_3pl", "shipbob", "shipping_labels" }) routedTotal += await db.Orders.CountAsync(FulfilmentRouting.OrdersOf(provider));
        Assert.Equal(await db.Orders.CountAsync(), routedTotal);

        var json = JsonDocument.Parse(await new FulfillmentPlugin(business.Contexts, business.Clock).GetFulfilmentStatusAsync(days: 7)).RootElement;
        var waiting = business.World.Orders.Where(o => o.Status == "paid" && o.FulfilledAt is null).ToList();
        Assert.Equal(waiting.Count, json.GetProperty("total_backlog").GetInt32());
        foreach (var row in json.GetProperty("providers").EnumerateArray())
        {
            var provider = row.GetProperty("provider").GetString();
            var shipped = business.World.Orders.Where(o => o.FulfilledAt >= Now.AddDays(-7) && o.FulfilledAt <= Now
                && FulfilmentRouting.ProviderFor(o.ShippingCountry, o.LiveShowId) == provider).ToList();
            Assert.Equal(shipped.Count, row.GetProperty("shipped").GetInt32());
            var withinSla = shipped.Count(o => (o.FulfilledAt!.Value - o.PlacedAt).TotalHours <= 48);
            if (shipped.Count > 0) Assert.Equal(Math.Round(100.0 * withinSla / shipped.Count, 1), row.GetProperty("sla_met_pct").GetDouble());
        }
    }

    [Fact]
    public async Task Helpdesk_queues_split_the_open_tickets_by_source_and_a_source_filter_narrows_the_list()
    {
        var plugin = new SupportPlugin(business.Contexts, business.Clock);
        var all = JsonDocument.Parse(await plugin.ListOpenTicketsAsync(limit: 100)).RootElement;

        var unresolved = business.World.Tickets.Where(t => t.Status is not ("resolved" or "closed")).ToList();
        Assert.Equal(unresolved.Count, all.GetProperty("open").GetInt32());
        var queues = all.GetProperty("by_helpdesk").EnumerateArray().ToDictionary(q => q.GetProperty("helpdesk").GetString()!);
        Assert.Equal(["gorgias", "zendesk", "email"], queues.Keys);
        Assert.Equal(unresolved.Count(t => t.Status == "open"), queues.Values.Sum(q => q.GetProperty("open").GetInt32()));
        Assert.Equal(unresolved.Count(t => t.Status == "open" && t.Channel == "shopify"), queues["gorgias"].GetProperty("open").GetInt32());

        var gorgias = JsonDocument.Parse(await plugin.ListOpenTicketsAsync(limit: 100, source: "gorgias")).RootElement;
        Assert.Equal(unresolved.Count(t => t.Channel == "shopify"), gorgias.GetProperty("open").GetInt32());
        Assert.All(gorgias.GetProperty("tickets").EnumerateArray(), t => Assert.Equal("shopify", t.GetProperty("source").GetString()));
        Assert.Equal(["gorgias"], gorgias.GetProperty("by_helpdesk").EnumerateArray().Select(q => q.GetProperty("helpdesk").GetString()));

        var youtube = JsonDocument.Parse(await plugin.ListOpenTicketsAsync(limit: 100, source: "youtube")).RootElement;
        Assert.Equal(unresolved.Count(t => t.Channel == "youtube"), youtube.GetProperty("open").GetInt32());
    }

    [Fact]
    public async Task Supplier_cost_changes_are_events_in_the_store_and_products_in_the_database_carry_the_new_cost()
    {
        await using var db = business.CreateContext();
        var changes = await db.Database.SqlQueryRaw<CostChange>(
            "SELECT data->>'product_id' AS product_id, (data->>'to_cost')::numeric AS to_cost, sequence FROM business_events WHERE type = 'SupplierCostChanged' ORDER BY sequence").ToListAsync();

        Assert.NotEmpty(changes);
        foreach (var last in changes.GroupBy(c => c.product_id).Select(g => g.Last()))
            Assert.Equal(last.to_cost, (await db.Products.SingleAsync(p => p.Id == last.product_id)).UnitCost);
    }

    private sealed record CostChange(string product_id, decimal to_cost, long sequence);

    [Fact]
    public async Task Payment_providers_report_their_own_captures_and_wise_the_supplier_and_creator_payouts()
    {
        var providers = SandboxPaymentProvider.ForEveryProvider(business.Contexts).ToDictionary(p => p.IntegrationId);
        var from = Now.AddDays(-30);

        var stripe = await providers["stripe"].GetActivityAsync(from, Now, default);
        var captured = business.World.Payments.Where(p => p.Provider == "stripe" && p.CapturedAt >= from && p.CapturedAt < Now).ToList();
        Assert.True(captured.Count > 0);
        Assert.Equal(captured.Count, stripe.CapturedPayments);
        Assert.Equal(captured.Sum(p => p.Amount), stripe.CapturedAmount);
        Assert.Equal(captured.Sum(p => p.Fee), stripe.Fees);
        Assert.Equal(0, stripe.PayoutCount);

        var wise = await providers["wise"].GetActivityAsync(from, Now, default);
        var payouts = business.World.JournalEntries.Where(e => e.SourceType is "supplier_payment" or "creator_payout" && e.OccurredAt >= from && e.OccurredAt < Now).ToList();
        Assert.True(payouts.Count > 0);
        Assert.Equal(payouts.Count, wise.PayoutCount);
        Assert.Equal(payouts.SelectMany(e => e.Lines).Where(l => l.AccountCode == "1000").Sum(l => l.Credit - l.Debit), wise.PaidOut);
        Assert.Equal(0, wise.CapturedPayments);

        var paypal = await providers["paypal"].GetActivityAsync(from, Now, default);
        Assert.Equal(new PaymentActivity("paypal", 0, 0m, 0m, 0m, 0, 0m), paypal);
    }
}
