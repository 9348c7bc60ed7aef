using System.Globalization;
using System.Text.Json;
using LiveShop.Memory.Events;

namespace LiveShop.Memory.Learnings;

/// <summary>
/// Turns business events into memories with the event linked as evidence: paused ad sets and banned listings (product),
/// reconciliation mismatches and founder overrides (business), late supplier deliveries (supplier) and price changes
/// with the sales that followed (product). Events that teach nothing yield no memory.
/// </summary>
public sealed class LearningExtractor(ILearningFacts facts)
{
    /// <summary>Window compared before and after a price change.</summary>
    public static readonly TimeSpan PriceEffectWindow = TimeSpan.FromHours(24);

    /// <summary>Event types the extractor learns from.</summary>
    public static IReadOnlyList<string> HandledTypes { get; } =
        ["AdSetPaused", "ReconciliationMismatch", "StockReplenished", "PriceDropped", "ListingUpdated", "ListingBanned", "ApprovalDecided"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The memories one event teaches (usually none or one).</summary>
    public async Task<IReadOnlyList<NewMemory>> ExtractAsync(StoredEvent e, CancellationToken cancellationToken = default)
    {
        var memory = e.Type switch
        {
            "AdSetPaused" => await AdSetPausedAsync(e, cancellationToken),
            "ReconciliationMismatch" => ReconciliationMismatch(e),
            "StockReplenished" => await LateDeliveryAsync(e, cancellationToken),
            "PriceDropped" => await PriceChangeAsync(e, Text(e, "product_id"), Number(e.Data, "from_price"), Number(e.Data, "to_price"), cancellationToken),
            "ListingUpdated" => await ListingPriceChangeAsync(e, cancellationToken),
            "ListingBanned" => await ListingBannedAsync(e, cancellationToken),
            "ApprovalDecided" => FounderOverride(e),
            _ => null,
        };
        return memory is null ? [] : [memory];
    }

    private async Task<NewMemory?> AdSetPausedAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        var adSet = Text(e, "ad_set_id");
        if (adSet is null) return null;
        var product = await facts.ProductOfAdSetAsync(adSet, cancellationToken);
        var reason = Humanise(Text(e, "reason")) ?? "no reason given";
        var roas = Number(e.Data, "roas_7d") ?? Number(e.Data, "roas");
        var because = roas is null ? reason : $"ROAS {roas.Value.ToString("0.##", Invariant)}, {reason}";
        return new NewMemory
        {
            Scope = product is null ? MemoryScopes.Business : MemoryScopes.Product,
            ScopeKey = product,
            Kind = "ad_outcome",
            Content = $"ad set {adSet}{(product is null ? "" : $" (product {product})")} paused: {because}",
            Evidence = [EventEvidence(e, $"{e.Source} paused {adSet}")],
            Confidence = 0.7m,
            Source = $"event:{e.Type}",
        };
    }

    private static NewMemory? ReconciliationMismatch(StoredEvent e)
    {
        var expected = Number(e.Data, "expected");
        var actual = Number(e.Data, "actual");
        if (expected is null || actual is null) return null;
        var account = Text(e, "account_code");
        var reference = Text(e, "reference");
        return new NewMemory
        {
            Scope = MemoryScopes.Business,
            Kind = "finance_anomaly",
            Content = $"reconciliation {Text(e, "reconciliation_id")}{(account is null ? "" : $" on account {account}")} did not match: "
                      + $"expected {Money(expected.Value)}, actual {Money(actual.Value)} (difference {Money(expected.Value - actual.Value)})"
                      + (reference is null ? "" : $"; {reference}"),
            Evidence = [EventEvidence(e, Text(e, "settlement_id") is { } settlement ? $"settlement {settlement}" : null)],
            Confidence = 0.9m,
            Source = $"event:{e.Type}",
        };
    }

    private async Task<NewMemory?> LateDeliveryAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        if (Text(e, "purchase_order_id") is not { } poId) return null;
        if (await facts.PurchaseOrderAsync(poId, cancellationToken) is not { } po) return null;
        var lateDays = (e.OccurredAt - po.ExpectedAt).TotalDays;
        if (lateDays < 1) return null;
        // Stable wording: every late delivery of one supplier is the same lesson, so repeats confirm it (count, evidence).
        return new NewMemory
        {
            Scope = MemoryScopes.Supplier,
            ScopeKey = po.SupplierId,
            Kind = "supplier_reliability",
            Content = $"supplier {po.SupplierId} ({po.SupplierName}) delivers late: purchase orders arrive after the expected date; plan extra lead time",
            Evidence = [EventEvidence(e, $"purchase order {po.Id} arrived {lateDays.ToString("0.#", Invariant)} days after {po.ExpectedAt:yyyy-MM-dd}")],
            Confidence = 0.6m,
            Source = $"event:{e.Type}",
        };
    }

    private async Task<NewMemory?> ListingPriceChangeAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        if (!e.Data.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Object
            || !changes.TryGetProperty("price", out var price) || price.ValueKind != JsonValueKind.Object)
            return null;
        var product = Text(e, "product_id");
        if (product is null && Text(e, "listing_id") is { } listing) product = await facts.ProductOfListingAsync(listing, cancellationToken);
        return await PriceChangeAsync(e, product, Number(price, "from"), Number(price, "to"), cancellationToken);
    }

    private async Task<NewMemory?> PriceChangeAsync(StoredEvent e, string? product, decimal? from, decimal? to, CancellationToken cancellationToken)
    {
        if (product is null || from is not > 0 || to is null || from == to) return null;
        var change = 100 * (to.Value - from.Value) / from.Value;
        var sales = await facts.SalesAroundAsync(product, e.OccurredAt, PriceEffectWindow, cancellationToken);
        var direction = to < from ? "drop" : "rise";
        string effect;
        if (sales.HoursAfter < 1) effect = "sales effect not measurable yet";
        else
        {
            // Scale the after-window to the full window when the change is recent, so the two counts compare like for like.
            var afterRate = sales.UnitsAfter * PriceEffectWindow.TotalHours / sales.HoursAfter;
            var trend = afterRate > sales.UnitsBefore * 1.1 ? "sales rose" : afterRate < sales.UnitsBefore * 0.9 ? "sales fell" : "sales held steady";
            effect = $"{trend}: {sales.UnitsAfter} units in the {Hours(sales.HoursAfter)} after vs {sales.UnitsBefore} in the {Hours(PriceEffectWindow.TotalHours)} before";
        }
        return new NewMemory
        {
            Scope = MemoryScopes.Product,
            ScopeKey = product,
            Kind = "price_effect",
            Content = $"price {direction} on {product} from {Money(from.Value)} to {Money(to.Value)} ({change.ToString("+0.#;-0.#", Invariant)} %): {effect}",
            Evidence = [EventEvidence(e, Text(e, "live_show_id") is { } show ? $"during live show {show}" : null)],
            Confidence = 0.5m,
            Source = $"event:{e.Type}",
        };
    }

    private async Task<NewMemory?> ListingBannedAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        var listing = Text(e, "listing_id");
        if (listing is null) return null;
        var product = Text(e, "product_id") ?? await facts.ProductOfListingAsync(listing, cancellationToken);
        return new NewMemory
        {
            Scope = product is null ? MemoryScopes.Business : MemoryScopes.Product,
            ScopeKey = product,
            Kind = "listing_ban",
            Content = $"listing {listing}{(product is null ? "" : $" of product {product}")} was banned on {Text(e, "channel") ?? "its channel"}: {Text(e, "reason") ?? "no reason given"}",
            Evidence = [EventEvidence(e, null)],
            Confidence = 0.9m,
            Source = $"event:{e.Type}",
        };
    }

    private static NewMemory? FounderOverride(StoredEvent e)
    {
        var decision = Text(e, "decision")?.ToLowerInvariant();
        var reason = Text(e, "reason");
        if (decision is not ("rejected" or "reject" or "denied") || string.IsNullOrWhiteSpace(reason)) return null;
        var decidedBy = Text(e, "decided_by") ?? "an approver";
        return new NewMemory
        {
            Scope = MemoryScopes.Business,
            Kind = "founder_override",
            Content = $"{decidedBy} rejected {Text(e, "action") ?? "an action"} (action {Text(e, "action_id")}) because: {reason.Trim()}",
            Evidence = [EventEvidence(e, $"approval {Text(e, "approval_id")}")],
            Confidence = 0.9m,
            Source = $"event:{e.Type}",
        };
    }

    /// <summary>The evidence entry linking a memory to the event it came from.</summary>
    public static MemoryEvidence EventEvidence(StoredEvent e, string? note) => new()
    {
        Kind = "event", Reference = e.EventId.ToString(), Sequence = e.Sequence, Type = e.Type, At = e.OccurredAt, Note = note,
    };

    private static string? Text(StoredEvent e, string name) =>
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static decimal? Number(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : null;

    private static string? Humanise(string? code) => code?.Replace('_', ' ');

    private static string Money(decimal amount) => amount.ToString("0.00", Invariant);

    private static string Hours(double hours) => $"{hours.ToString("0", Invariant)} h";
}
