using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using static LiveShop.Plugins.Commerce.Shopify.ShopifyDocuments;

namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>
/// The shop's operations the business uses, typed: products and orders changed since a time, a product's variants,
/// inventory levels, variant price updates and refunds.
/// </summary>
public sealed class ShopifyShop(ShopifyAdminClient client)
{
    /// <summary>Products updated at or after <paramref name="since"/> (all when null), oldest change first, page by page.</summary>
    public async IAsyncEnumerable<ShopifyProduct> ProductsUpdatedSinceAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var node in client.PaginateAsync(ProductsOperation, Products, SinceFilter(since), "products", ProductsCost(client.PageSize), cancellationToken))
            yield return ShopifyReader.Product(node);
    }

    /// <summary>Orders updated at or after <paramref name="since"/> (all when null), oldest change first, page by page.</summary>
    public async IAsyncEnumerable<ShopifyOrder> OrdersUpdatedSinceAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var node in client.PaginateAsync(OrdersOperation, Orders, SinceFilter(since), "orders", OrdersCost(client.PageSize), cancellationToken))
            yield return ShopifyReader.Order(node);
    }

    /// <summary>The variants of one product.</summary>
    public async Task<IReadOnlyList<ShopifyVariant>> VariantsAsync(string productId, CancellationToken cancellationToken)
    {
        var data = await client.QueryAsync(ProductVariantsOperation, ProductVariants, new JsonObject { ["id"] = productId }, ProductVariantsCost, cancellationToken);
        return ShopifyReader.Object(data, "product") is { } product
            ? ShopifyReader.Nodes(product, "variants").Select(ShopifyReader.Variant).ToList()
            : throw new ShopifyApiException($"Shopify has no product {productId}");
    }

    /// <summary>Stock of one inventory item at each location.</summary>
    public async Task<IReadOnlyList<ShopifyInventoryLevel>> InventoryLevelsAsync(string inventoryItemId, CancellationToken cancellationToken)
    {
        var data = await client.QueryAsync(InventoryLevelsOperation, InventoryLevels, new JsonObject { ["id"] = inventoryItemId }, InventoryLevelsCost, cancellationToken);
        if (ShopifyReader.Object(data, "inventoryItem") is not { } item) throw new ShopifyApiException($"Shopify has no inventory item {inventoryItemId}");
        return ShopifyReader.Nodes(item, "inventoryLevels").Select(level =>
        {
            var location = ShopifyReader.Object(level, "location");
            var quantities = level.GetProperty("quantities").EnumerateArray()
                .ToDictionary(q => ShopifyReader.Text(q, "name") ?? "", q => q.GetProperty("quantity").GetInt32());
            return new ShopifyInventoryLevel(location is { } l ? ShopifyReader.Text(l, "id") ?? "" : "", location is { } n ? ShopifyReader.Text(n, "name") ?? "" : "",
                quantities.GetValueOrDefault("available"), quantities.GetValueOrDefault("on_hand"));
        }).ToList();
    }

    /// <summary>
    /// Sets the price of the given variants of one product (<c>productVariantsBulkUpdate</c>). Setting an absolute price
    /// is naturally idempotent, so a retried request cannot change it twice.
    /// </summary>
    public async Task<IReadOnlyList<ShopifyVariantPrice>> SetVariantPricesAsync(string productId, IEnumerable<string> variantIds, decimal price, CancellationToken cancellationToken)
    {
        var variants = new JsonArray(variantIds.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["price"] = Money(price) }).ToArray());
        var payload = await client.MutateAsync(VariantPricesOperation, VariantPrices,
            new JsonObject { ["productId"] = productId, ["variants"] = variants }, "productVariantsBulkUpdate", VariantPricesCost, cancellationToken);
        return payload.TryGetProperty("productVariants", out var updated) && updated.ValueKind == System.Text.Json.JsonValueKind.Array
            ? updated.EnumerateArray().Select(v => new ShopifyVariantPrice(ShopifyReader.Text(v, "id")!, ShopifyReader.Money(v, "price") ?? price)).ToList()
            : [];
    }

    /// <summary>
    /// Refunds <paramref name="amount"/> of an order to its payment (<c>refundCreate</c> with one REFUND transaction
    /// against the captured one), under <paramref name="idempotencyKey"/> so a duplicate submit refunds once.
    /// </summary>
    public async Task<ShopifyRefund> RefundAsync(string orderId, decimal amount, ShopifyTransaction capture, string note, string idempotencyKey, CancellationToken cancellationToken)
    {
        var input = new JsonObject
        {
            ["orderId"] = orderId,
            ["note"] = note,
            ["notify"] = true,
            ["transactions"] = new JsonArray(new JsonObject
            {
                ["orderId"] = orderId, ["parentId"] = capture.Id, ["gateway"] = capture.Gateway, ["kind"] = "REFUND", ["amount"] = Money(amount),
            }),
        };
        var payload = await client.MutateAsync(RefundOperation, Refund,
            new JsonObject { ["input"] = input, ["idempotencyKey"] = idempotencyKey }, "refundCreate", RefundCost, cancellationToken);
        return ShopifyReader.Object(payload, "refund") is { } refund
            ? ShopifyReader.Refund(refund)
            : throw new ShopifyApiException($"Shopify answered the refund of {orderId} without a refund");
    }

    private static JsonObject SinceFilter(DateTimeOffset? since) => new()
    {
        // Inclusive, so a change at the cursor's exact second is read again rather than missed; upserts make that harmless.
        ["query"] = since is { } s ? $"updated_at:>='{s.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}'" : null,
    };

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
