namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>
/// The GraphQL documents the connector sends, each with the cost it expects before Shopify has told it the real one.
/// Shopify prices a query as if every connection came back full (two points per connection plus one per object asked
/// for), and refuses one above the bucket's size (1000 points on standard plans), so nested connections stay small:
/// a page of orders with ten lines, five transactions and five refunds each costs about 2 + 92 points per order.
/// </summary>
internal static class ShopifyDocuments
{
    public const string ProductsOperation = "LiveShopProducts";
    public static double ProductsCost(int first) => 2 + first * 33;
    public const string Products = """
        query LiveShopProducts($first: Int!, $after: String, $query: String) {
          products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes {
              id title description productType status createdAt updatedAt totalInventory
              variants(first: 10) {
                nodes { id sku price inventoryQuantity inventoryItem { id unitCost { amount } } }
              }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string OrdersOperation = "LiveShopOrders";
    public static double OrdersCost(int first) => 2 + first * 92;
    public const string Orders = """
        query LiveShopOrders($first: Int!, $after: String, $query: String) {
          orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes {
              id name email clientIp createdAt updatedAt cancelledAt displayFinancialStatus displayFulfillmentStatus
              subtotalPriceSet { shopMoney { amount currencyCode } }
              totalShippingPriceSet { shopMoney { amount currencyCode } }
              totalPriceSet { shopMoney { amount currencyCode } }
              customer { id firstName lastName }
              billingAddress { countryCodeV2 }
              shippingAddress { countryCodeV2 }
              lineItems(first: 10) {
                nodes { id sku quantity product { id } variant { id } originalUnitPriceSet { shopMoney { amount currencyCode } } }
              }
              transactions(first: 5) { id kind status gateway processedAt amountSet { shopMoney { amount currencyCode } } }
              refunds(first: 5) { id createdAt note totalRefundedSet { shopMoney { amount currencyCode } } }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string ProductVariantsOperation = "LiveShopProductVariants";
    public const double ProductVariantsCost = 302;
    public const string ProductVariants = """
        query LiveShopProductVariants($id: ID!) {
          product(id: $id) { id variants(first: 100) { nodes { id sku price inventoryQuantity inventoryItem { id unitCost { amount } } } } }
        }
        """;

    public const string InventoryLevelsOperation = "LiveShopInventoryLevels";
    public const double InventoryLevelsCost = 202;
    public const string InventoryLevels = """
        query LiveShopInventoryLevels($id: ID!) {
          inventoryItem(id: $id) {
            id
            inventoryLevels(first: 50) {
              nodes { location { id name } quantities(names: ["available", "on_hand"]) { name quantity } }
            }
          }
        }
        """;

    public const string VariantPricesOperation = "LiveShopVariantPrices";
    public const double VariantPricesCost = 10;
    public const string VariantPrices = """
        mutation LiveShopVariantPrices($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
          productVariantsBulkUpdate(productId: $productId, variants: $variants) {
            productVariants { id price }
            userErrors { field message code }
          }
        }
        """;

    public const string RefundOperation = "LiveShopRefund";
    public const double RefundCost = 10;
    // The key travels in the @idempotent directive (API 2026-01 and later): a retried or duplicated request with the
    // same key creates no second refund; Shopify answers with the first one.
    public const string Refund = """
        mutation LiveShopRefund($input: RefundInput!, $idempotencyKey: String!) {
          refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
            refund { id createdAt totalRefundedSet { shopMoney { amount currencyCode } } }
            userErrors { field message }
          }
        }
        """;
}
