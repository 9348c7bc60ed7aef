using System.Globalization;
using System.Text.Json;

namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>A Shopify product with its variants, as the connector reads it.</summary>
public sealed record ShopifyProduct(string Id, string Title, string Description, string ProductType, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, int TotalInventory, IReadOnlyList<ShopifyVariant> Variants);

/// <summary>One variant: its price, SKU and inventory item.</summary>
public sealed record ShopifyVariant(string Id, string Sku, decimal Price, int InventoryQuantity, string? InventoryItemId, decimal? UnitCost);

/// <summary>A variant's price as Shopify confirmed it after an update.</summary>
public sealed record ShopifyVariantPrice(string VariantId, decimal Price);

/// <summary>A Shopify order with what the business database keeps of it.</summary>
public sealed record ShopifyOrder(string Id, string Name, string? Email, string? ClientIp, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? CancelledAt, string FinancialStatus, string FulfillmentStatus, decimal Subtotal, decimal Shipping, decimal Total, string Currency,
    ShopifyCustomer? Customer, string? BillingCountry, string? ShippingCountry, IReadOnlyList<ShopifyLineItem> LineItems,
    IReadOnlyList<ShopifyTransaction> Transactions, IReadOnlyList<ShopifyRefund> Refunds);

/// <summary>The customer of an order.</summary>
public sealed record ShopifyCustomer(string Id, string FirstName, string LastName);

/// <summary>One line of an order.</summary>
public sealed record ShopifyLineItem(string Id, string? Sku, int Quantity, string? ProductId, string? VariantId, decimal UnitPrice);

/// <summary>A payment transaction of an order (gateway <c>shopify_payments</c>, <c>stripe</c>, …).</summary>
public sealed record ShopifyTransaction(string Id, string Kind, string Status, string Gateway, decimal Amount, DateTimeOffset? ProcessedAt);

/// <summary>A refund of an order.</summary>
public sealed record ShopifyRefund(string Id, DateTimeOffset CreatedAt, string? Note, decimal Amount);

/// <summary>Stock of an inventory item at one location.</summary>
public sealed record ShopifyInventoryLevel(string LocationId, string LocationName, int Available, int OnHand);

/// <summary>Reads the connector's records from Shopify's JSON nodes.</summary>
internal static class ShopifyReader
{
    public static ShopifyProduct Product(JsonElement n) => new(
        Text(n, "id")!, Text(n, "title") ?? "", Text(n, "description") ?? "", Text(n, "productType") ?? "", Text(n, "status") ?? "ACTIVE",
        Time(n, "createdAt") ?? DateTimeOffset.UnixEpoch, Time(n, "updatedAt") ?? DateTimeOffset.UnixEpoch,
        n.TryGetProperty("totalInventory", out var total) && total.ValueKind == JsonValueKind.Number ? total.GetInt32() : 0,
        Nodes(n, "variants").Select(Variant).ToList());

    public static ShopifyVariant Variant(JsonElement n) => new(
        Text(n, "id")!, Text(n, "sku") ?? "", Money(n, "price") ?? 0m,
        n.TryGetProperty("inventoryQuantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt32() : 0,
        Object(n, "inventoryItem") is { } item ? Text(item, "id") : null,
        Object(n, "inventoryItem") is { } costed && Object(costed, "unitCost") is { } unitCost ? Money(unitCost, "amount") : null);

    public static ShopifyOrder Order(JsonElement n) => new(
        Text(n, "id")!, Text(n, "name") ?? "", Text(n, "email"), Text(n, "clientIp"),
        Time(n, "createdAt") ?? DateTimeOffset.UnixEpoch, Time(n, "updatedAt") ?? DateTimeOffset.UnixEpoch, Time(n, "cancelledAt"),
        Text(n, "displayFinancialStatus") ?? "", Text(n, "displayFulfillmentStatus") ?? "",
        ShopMoney(n, "subtotalPriceSet") ?? 0m, ShopMoney(n, "totalShippingPriceSet") ?? 0m, ShopMoney(n, "totalPriceSet") ?? 0m,
        Object(n, "totalPriceSet") is { } set && Object(set, "shopMoney") is { } money ? Text(money, "currencyCode") ?? "USD" : "USD",
        Object(n, "customer") is { } c ? new ShopifyCustomer(Text(c, "id")!, Text(c, "firstName") ?? "", Text(c, "lastName") ?? "") : null,
        Object(n, "billingAddress") is { } billing ? Text(billing, "countryCodeV2") : null,
        Object(n, "shippingAddress") is { } shipping ? Text(shipping, "countryCodeV2") : null,
        Nodes(n, "lineItems").Select(l => new ShopifyLineItem(Text(l, "id")!, Text(l, "sku"),
            l.TryGetProperty("quantity", out var qty) ? qty.GetInt32() : 0,
            Object(l, "product") is { } p ? Text(p, "id") : null, Object(l, "variant") is { } v ? Text(v, "id") : null,
            ShopMoney(l, "originalUnitPriceSet") ?? 0m)).ToList(),
        List(n, "transactions").Select(t => new ShopifyTransaction(Text(t, "id")!, Text(t, "kind") ?? "", Text(t, "status") ?? "",
            Text(t, "gateway") ?? "", ShopMoney(t, "amountSet") ?? 0m, Time(t, "processedAt"))).ToList(),
        List(n, "refunds").Select(Refund).ToList());

    public static ShopifyRefund Refund(JsonElement r) =>
        new(Text(r, "id")!, Time(r, "createdAt") ?? DateTimeOffset.UnixEpoch, Text(r, "note"), ShopMoney(r, "totalRefundedSet") ?? 0m);

    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement? Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    /// <summary>Shopify's Money scalar is a decimal in a string.</summary>
    public static decimal? Money(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => decimal.Parse(v.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
            JsonValueKind.Number => v.GetDecimal(),
            _ => null,
        } : null;

    public static decimal? ShopMoney(JsonElement e, string setName) =>
        Object(e, setName) is { } set && Object(set, "shopMoney") is { } money ? Money(money, "amount") : null;

    public static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    public static IEnumerable<JsonElement> Nodes(JsonElement e, string connection) =>
        Object(e, connection) is { } c && c.TryGetProperty("nodes", out var nodes) ? nodes.EnumerateArray() : [];

    private static IEnumerable<JsonElement> List(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
}
