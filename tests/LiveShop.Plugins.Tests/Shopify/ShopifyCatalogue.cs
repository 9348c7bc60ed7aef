using System.Globalization;
using System.Text.Json.Nodes;

namespace LiveShop.Plugins.Tests.Shopify;

/// <summary>The fake shop's products and orders, rendered in the Admin API's node shapes.</summary>
public sealed class ShopifyCatalogue
{
    private readonly List<FakeProduct> _products = [];
    private readonly List<FakeOrder> _orders = [];

    /// <summary>The clock the shop stamps <c>updatedAt</c> with when something changes through the API.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public sealed class FakeProduct
    {
        public required long Id { get; init; }
        public required string Title { get; set; }
        public string Status { get; set; } = "ACTIVE";
        public DateTimeOffset UpdatedAt { get; set; }
        public List<(long Id, string Sku, decimal Price, int Quantity)> Variants { get; } = [];
        public string Gid => $"gid://shopify/Product/{Id}";
    }

    public sealed class FakeOrder
    {
        public required long Id { get; init; }
        public required string Email { get; init; }
        public required long CustomerId { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; set; }
        public required string Gateway { get; init; }
        public List<(long ProductId, long VariantId, int Quantity, decimal UnitPrice)> Lines { get; } = [];
        public List<(string Id, DateTimeOffset At, decimal Amount, string? Note)> Refunds { get; } = [];
        public decimal Total => Lines.Sum(l => l.Quantity * l.UnitPrice) + 10m;
        public string Gid => $"gid://shopify/Order/{Id}";
    }

    public FakeProduct AddProduct(long id, string title, string sku, decimal price, int quantity = 20, int variants = 1)
    {
        var product = new FakeProduct { Id = id, Title = title, UpdatedAt = Now.AddMinutes(_products.Count) };
        for (var v = 0; v < variants; v++) product.Variants.Add((id * 10 + v, v == 0 ? sku : $"{sku}-{v}", price, quantity));
        _products.Add(product);
        return product;
    }

    public FakeOrder AddOrder(long id, long customerId, string email, FakeProduct product, int quantity, string gateway = "shopify_payments")
    {
        var at = Now.AddHours(1).AddMinutes(_orders.Count);
        var order = new FakeOrder { Id = id, CustomerId = customerId, Email = email, CreatedAt = at, UpdatedAt = at, Gateway = gateway };
        order.Lines.Add((product.Id, product.Variants[0].Id, quantity, product.Variants[0].Price));
        _orders.Add(order);
        return order;
    }

    public FakeProduct Product(long id) => _products.Single(p => p.Id == id);

    public FakeOrder Order(long id) => _orders.Single(o => o.Id == id);

    public FakeOrder Order(string gid) => _orders.Single(o => o.Gid == gid);

    public IReadOnlyList<JsonObject> ProductNodes(DateTimeOffset? since) =>
        _products.Where(p => since is null || p.UpdatedAt >= since).OrderBy(p => p.UpdatedAt).Select(ProductNode).ToList();

    public IReadOnlyList<JsonObject> OrderNodes(DateTimeOffset? since) =>
        _orders.Where(o => since is null || o.UpdatedAt >= since).OrderBy(o => o.UpdatedAt).Select(OrderNode).ToList();

    public JsonObject? ProductNode(string gid) => _products.FirstOrDefault(p => p.Gid == gid) is { } p ? ProductNode(p) : null;

    public JsonObject? InventoryItemNode(string gid)
    {
        var variant = _products.SelectMany(p => p.Variants).FirstOrDefault(v => $"gid://shopify/InventoryItem/{v.Id}" == gid);
        if (variant.Id == 0) return null;
        return new JsonObject
        {
            ["id"] = gid,
            ["inventoryLevels"] = new JsonObject
            {
                ["nodes"] = new JsonArray(new JsonObject
                {
                    ["location"] = new JsonObject { ["id"] = "gid://shopify/Location/1", ["name"] = "Sydney warehouse" },
                    ["quantities"] = new JsonArray(
                        new JsonObject { ["name"] = "available", ["quantity"] = variant.Quantity },
                        new JsonObject { ["name"] = "on_hand", ["quantity"] = variant.Quantity + 2 }),
                }),
            },
        };
    }

    public void SetPrice(string productGid, string variantGid, decimal price)
    {
        var product = _products.Single(p => p.Gid == productGid);
        var index = product.Variants.FindIndex(v => $"gid://shopify/ProductVariant/{v.Id}" == variantGid);
        product.Variants[index] = product.Variants[index] with { Price = price };
        product.UpdatedAt = Now;
    }

    public void SetQuantity(long productId, int quantity)
    {
        var product = Product(productId);
        for (var i = 0; i < product.Variants.Count; i++) product.Variants[i] = product.Variants[i] with { Quantity = quantity };
        product.UpdatedAt = Now;
    }

    public JsonObject AddRefund(string orderGid, string refundGid, decimal amount, string? note)
    {
        var order = _orders.Single(o => o.Gid == orderGid);
        order.Refunds.Add((refundGid, Now, amount, note));
        order.UpdatedAt = Now;
        return RefundNode(order.Refunds[^1]);
    }

    private static JsonObject ProductNode(FakeProduct p) => new()
    {
        ["id"] = p.Gid, ["title"] = p.Title, ["description"] = $"{p.Title}, as sold on the live show.", ["productType"] = "Beauty",
        ["status"] = p.Status, ["createdAt"] = Iso(p.UpdatedAt.AddDays(-30)), ["updatedAt"] = Iso(p.UpdatedAt),
        ["totalInventory"] = p.Variants.Sum(v => v.Quantity),
        ["variants"] = new JsonObject
        {
            ["nodes"] = new JsonArray(p.Variants.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = $"gid://shopify/ProductVariant/{v.Id}", ["sku"] = v.Sku, ["price"] = Money(v.Price), ["inventoryQuantity"] = v.Quantity,
                ["inventoryItem"] = new JsonObject { ["id"] = $"gid://shopify/InventoryItem/{v.Id}", ["unitCost"] = new JsonObject { ["amount"] = Money(v.Price / 4) } },
            }).ToArray()),
        },
    };

    private static JsonObject OrderNode(FakeOrder o) => new()
    {
        ["id"] = o.Gid, ["name"] = $"#{o.Id}", ["email"] = o.Email, ["clientIp"] = "203.0.113.7",
        ["createdAt"] = Iso(o.CreatedAt), ["updatedAt"] = Iso(o.UpdatedAt), ["cancelledAt"] = null,
        ["displayFinancialStatus"] = o.Refunds.Count == 0 ? "PAID" : o.Refunds.Sum(r => r.Amount) >= o.Total ? "REFUNDED" : "PARTIALLY_REFUNDED",
        ["displayFulfillmentStatus"] = "UNFULFILLED",
        ["subtotalPriceSet"] = MoneySet(o.Total - 10m), ["totalShippingPriceSet"] = MoneySet(10m), ["totalPriceSet"] = MoneySet(o.Total),
        ["customer"] = new JsonObject { ["id"] = $"gid://shopify/Customer/{o.CustomerId}", ["firstName"] = "Ava", ["lastName"] = $"Buyer{o.CustomerId}" },
        ["billingAddress"] = new JsonObject { ["countryCodeV2"] = "AU" },
        ["shippingAddress"] = new JsonObject { ["countryCodeV2"] = "AU" },
        ["lineItems"] = new JsonObject
        {
            ["nodes"] = new JsonArray(o.Lines.Select((l, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"gid://shopify/LineItem/{o.Id * 100 + i}", ["sku"] = null, ["quantity"] = l.Quantity,
                ["product"] = new JsonObject { ["id"] = $"gid://shopify/Product/{l.ProductId}" },
                ["variant"] = new JsonObject { ["id"] = $"gid://shopify/ProductVariant/{l.VariantId}" },
                ["originalUnitPriceSet"] = MoneySet(l.UnitPrice),
            }).ToArray()),
        },
        ["transactions"] = new JsonArray(new JsonObject
        {
            ["id"] = $"gid://shopify/OrderTransaction/{o.Id * 10}", ["kind"] = "SALE", ["status"] = "SUCCESS", ["gateway"] = o.Gateway,
            ["processedAt"] = Iso(o.CreatedAt), ["amountSet"] = MoneySet(o.Total),
        }),
        ["refunds"] = new JsonArray(o.Refunds.Select(r => (JsonNode)RefundNode(r)).ToArray()),
    };

    private static JsonObject RefundNode((string Id, DateTimeOffset At, decimal Amount, string? Note) r) => new()
    {
        ["id"] = r.Id, ["createdAt"] = Iso(r.At), ["note"] = r.Note, ["totalRefundedSet"] = MoneySet(r.Amount),
    };

    private static JsonObject MoneySet(decimal amount) => new() { ["shopMoney"] = new JsonObject { ["amount"] = Money(amount), ["currencyCode"] = "AUD" } };

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
