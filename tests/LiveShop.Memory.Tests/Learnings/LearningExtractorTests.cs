using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Memory.Learnings;

namespace LiveShop.Memory.Tests.Learnings;

/// <summary>Facts held in dictionaries: the extractor's lookups without a database.</summary>
internal sealed class TableFacts : ILearningFacts
{
    public Dictionary<string, string> AdSetProducts { get; } = [];
    public Dictionary<string, string> ListingProducts { get; } = [];
    public Dictionary<string, PurchaseOrderFacts> PurchaseOrders { get; } = [];
    public SalesAround Sales { get; set; } = new(0, 0, 24);

    public Task<string?> ProductOfAdSetAsync(string adSetId, CancellationToken cancellationToken) => Task.FromResult(AdSetProducts.GetValueOrDefault(adSetId));
    public Task<string?> ProductOfListingAsync(string listingId, CancellationToken cancellationToken) => Task.FromResult(ListingProducts.GetValueOrDefault(listingId));
    public Task<PurchaseOrderFacts?> PurchaseOrderAsync(string purchaseOrderId, CancellationToken cancellationToken) => Task.FromResult(PurchaseOrders.GetValueOrDefault(purchaseOrderId));
    public Task<SalesAround> SalesAroundAsync(string productId, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken) => Task.FromResult(Sales);
}

public sealed class LearningExtractorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly TableFacts _facts = new();

    private static StoredEvent Event(string type, string data, long sequence = 42) =>
        new(sequence, Guid.NewGuid(), type, At, "sandbox", JsonDocument.Parse(data).RootElement.Clone(), At, "hash");

    private async Task<NewMemory> SingleAsync(StoredEvent e)
    {
        var memories = await new LearningExtractor(_facts).ExtractAsync(e);
        var memory = Assert.Single(memories);
        var evidence = Assert.Single(memory.Evidence);
        Assert.Equal(e.EventId.ToString(), evidence.Reference);
        Assert.Equal(e.Sequence, evidence.Sequence);
        Assert.Equal(e.Type, evidence.Type);
        Assert.Equal($"event:{e.Type}", memory.Source);
        return memory;
    }

    [Fact]
    public async Task A_paused_ad_set_becomes_a_product_memory_with_its_reason()
    {
        _facts.AdSetProducts["as_3"] = "p_5";
        var memory = await SingleAsync(Event("AdSetPaused", """{ "ad_set_id": "as_3", "reason": "roas_below_kill_switch", "roas_7d": 0.8 }"""));

        Assert.Equal(("product", "p_5", "ad_outcome"), (memory.Scope, memory.ScopeKey, memory.Kind));
        Assert.Equal("ad set as_3 (product p_5) paused: ROAS 0.8, roas below kill switch", memory.Content);
    }

    [Fact]
    public async Task A_reconciliation_mismatch_becomes_a_business_memory_with_the_difference()
    {
        var memory = await SingleAsync(Event("ReconciliationMismatch",
            """{ "reconciliation_id": "rec_9", "expected": 1250.5, "actual": 1200, "account_code": "1000", "reference": "shopify payout 2026-11-18" }"""));

        Assert.Equal(("business", null, "finance_anomaly"), (memory.Scope, memory.ScopeKey, memory.Kind));
        Assert.Contains("expected 1250.50, actual 1200.00 (difference 50.50)", memory.Content);
        Assert.Contains("rec_9", memory.Content);
    }

    [Fact]
    public async Task A_late_delivery_becomes_a_supplier_memory_and_an_on_time_one_teaches_nothing()
    {
        _facts.PurchaseOrders["po_1"] = new PurchaseOrderFacts("po_1", "s_2", "Shenzhen Glow", At.AddDays(-4));
        _facts.PurchaseOrders["po_2"] = new PurchaseOrderFacts("po_2", "s_2", "Shenzhen Glow", At.AddDays(1));

        var memory = await SingleAsync(Event("StockReplenished", """{ "product_id": "p_1", "quantity": 50, "purchase_order_id": "po_1" }"""));
        var onTime = await new LearningExtractor(_facts).ExtractAsync(Event("StockReplenished", """{ "product_id": "p_1", "quantity": 50, "purchase_order_id": "po_2" }"""));

        Assert.Equal(("supplier", "s_2", "supplier_reliability"), (memory.Scope, memory.ScopeKey, memory.Kind));
        Assert.Contains("delivers late", memory.Content);
        Assert.Contains("po_1 arrived 4 days after", memory.Evidence[0].Note);
        Assert.Empty(onTime);
    }

    [Fact]
    public async Task A_price_drop_becomes_a_product_memory_with_the_sales_that_followed()
    {
        _facts.Sales = new SalesAround(UnitsBefore: 4, UnitsAfter: 15, HoursAfter: 24);
        var memory = await SingleAsync(Event("PriceDropped", """{ "product_id": "p_3", "live_show_id": "ls_1", "from_price": 40, "to_price": 30 }"""));

        Assert.Equal(("product", "p_3", "price_effect"), (memory.Scope, memory.ScopeKey, memory.Kind));
        Assert.Equal("price drop on p_3 from 40.00 to 30.00 (-25 %): sales rose: 15 units in the 24 h after vs 4 in the 24 h before", memory.Content);
    }

    [Fact]
    public async Task A_listing_price_update_is_a_price_change_and_other_updates_teach_nothing()
    {
        _facts.Sales = new SalesAround(10, 6, 24);
        var memory = await SingleAsync(Event("ListingUpdated", """{ "listing_id": "l_4", "product_id": "p_4", "changes": { "price": { "from": 20, "to": 24 } } }"""));
        var titleOnly = await new LearningExtractor(_facts).ExtractAsync(Event("ListingUpdated", """{ "listing_id": "l_4", "changes": { "title": "New" } }"""));

        Assert.Equal(("product", "p_4"), (memory.Scope, memory.ScopeKey));
        Assert.StartsWith("price rise on p_4 from 20.00 to 24.00 (+20 %): sales fell", memory.Content);
        Assert.Empty(titleOnly);
    }

    [Fact]
    public async Task A_banned_listing_becomes_a_product_memory_with_the_reason()
    {
        _facts.ListingProducts["l_8"] = "p_8";
        var memory = await SingleAsync(Event("ListingBanned", """{ "listing_id": "l_8", "channel": "tiktok_shop", "reason": "claims the serum cures acne" }"""));

        Assert.Equal(("product", "p_8", "listing_ban"), (memory.Scope, memory.ScopeKey, memory.Kind));
        Assert.Equal("listing l_8 of product p_8 was banned on tiktok_shop: claims the serum cures acne", memory.Content);
    }

    [Fact]
    public async Task A_rejected_approval_with_a_reason_becomes_a_founder_override()
    {
        var memory = await SingleAsync(Event("ApprovalDecided",
            """{ "approval_id": "ap_1", "action_id": "act_7", "action": "scale_ad_set", "decision": "rejected", "decided_by": "founder@liveshop.local", "reason": "Black Friday budget is already committed" }"""));
        var approved = await new LearningExtractor(_facts).ExtractAsync(Event("ApprovalDecided",
            """{ "approval_id": "ap_2", "action_id": "act_8", "action": "refund_order", "decision": "approved", "decided_by": "founder@liveshop.local" }"""));

        Assert.Equal(("business", "founder_override"), (memory.Scope, memory.Kind));
        Assert.Equal("founder@liveshop.local rejected scale_ad_set (action act_7) because: Black Friday budget is already committed", memory.Content);
        Assert.Empty(approved);
    }

    [Fact]
    public async Task Events_that_teach_nothing_yield_no_memory()
    {
        var none = await new LearningExtractor(_facts).ExtractAsync(Event("OrderPlaced", """{ "order_id": "o_1", "customer_id": "c_1", "channel": "shopify", "total": 10, "currency": "AUD" }"""));
        Assert.Empty(none);
    }
}
