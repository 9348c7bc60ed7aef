using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Commerce.Channels;
using LiveShop.Plugins.Functions;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using LiveShop.Memory.Metrics.Quantities;
using LiveShop.Memory.Metrics;

namespace LiveShop.Plugins.Commerce;

/// <summary>
/// Orders, refunds, listings and prices: what a persona may look up and propose in the store. <paramref name="channels"/>
/// are the sales channels asked for per-channel figures (the sandbox of every channel when not given).
/// </summary>
[Description("Orders, refunds, product listings and prices of the store.")]
public sealed class CommercePlugin(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time, IReadOnlyList<ISalesChannel>? channels = null)
{
    private readonly IReadOnlyList<ISalesChannel> _channels = channels ?? SandboxSalesChannel.ForEveryChannel(contexts);

    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Commerce";

    /// <summary>Looks up one order with its lines and what has been refunded.</summary>
    [KernelFunction("get_order"), ReadOnlyFunction]
    [PlannerHints(
        ["look up an order", "what is the status of order o_3", "show me the details of an order"],
        ["look up", "status of", "details of", "where is", "show order", "order details"])]
    [Description("Looks up an order: status, total, customer, countries, lines and the amount already refunded.")]
    public async Task<string> GetOrderAsync(
        [Description("The order id, e.g. o_12.")] string order_id,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == order_id, cancellationToken);
        if (order is null) return $"no order with id {order_id}";
        var refunded = await RefundedAmount.OfOrderAsync(db, order_id, cancellationToken);
        var margin = Sales.IsSale(order.Status)
            ? SalesMargins.Reported((await SalesMargins.OfAsync(db, db.Orders.Where(o => o.Id == order_id), cancellationToken)).Sum(l => l.Margin))
            : (decimal?)null;
        return ModelText.Json(new
        {
            id = order.Id,
            customer_id = order.CustomerId,
            status = order.Status,
            channel = order.Channel,
            placed_at = order.PlacedAt,
            total = order.Total,
            currency = order.Currency,
            refunded_amount = refunded,
            refundable = RefundedAmount.Refundable(order.Total, refunded),
            contribution_margin = margin,
            first_order = order.FirstOrder,
            billing_country = order.BillingCountry,
            shipping_country = order.ShippingCountry,
            fulfilled_at = order.FulfilledAt,
            lines = order.Lines.Select(l => new { product_id = l.ProductId, quantity = l.Quantity, unit_price = l.UnitPrice }),
        });
    }

    /// <summary>Looks up one product: price, costs, stock and what each unit contributes before ad spend.</summary>
    [KernelFunction("get_product"), ReadOnlyFunction]
    [PlannerHints(
        ["look up a product", "what does p_3 cost us to make", "how much margin is there on a product"],
        ["product details", "unit cost", "margin on", "what does p_", "cost to make", "supplier of"])]
    [Description("Looks up a product: title, status, price, unit and shipping cost, platform fee, stock against its reorder point, supplier, and the contribution per unit before ad spend.")]
    public async Task<string> GetProductAsync(
        [Description("The product id, e.g. p_3.")] string product_id,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == product_id, cancellationToken);
        if (product is null) return $"no product with id {product_id}";
        return ModelText.Json(new
        {
            id = product.Id, title = product.Title, status = product.Status, category = product.Category,
            price = product.Price, unit_cost = product.UnitCost, shipping_cost = product.ShippingCost, platform_fee_pct = product.PlatformFeePct,
            contribution_per_unit = ContributionMargin.PerUnit(product.Price, product.UnitCost, product.ShippingCost, product.PlatformFeePct, roas: null),
            stock = product.Stock, reorder_point = product.ReorderPoint, supplier_id = product.SupplierId,
        });
    }

    /// <summary>The best-selling products by revenue over a trailing window.</summary>
    [KernelFunction("list_top_products"), ReadOnlyFunction]
    [PlannerHints(
        ["which products sell best", "best-selling products this month", "top sellers by revenue"],
        ["top product", "best sell", "best-sell", "top sell", "bestsell", "selling best", "sells best"])]
    [Description("Lists the best-selling products by revenue over the last days, with units sold, price and stock.")]
    public async Task<string> ListTopProductsAsync(
        [Description("How many days back to look (default 30).")] int days = 30,
        [Description("How many products to list (default 5).")] int limit = 5,
        CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, 365);
        limit = Math.Clamp(limit, 1, 50);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var top = await TopProductsQuery.GetAsync(db, TimeWindow.Trailing(time.GetUtcNow(), days), limit, cancellationToken);
        return ModelText.Json(new
        {
            days,
            products = top.Select(x => new
            {
                product_id = x.ProductId, title = x.Title, units = x.Units, revenue = x.Revenue, contribution_margin = x.ContributionMargin,
                price = x.Price, stock = x.Stock,
            }),
        });
    }

    /// <summary>Orders, revenue and refunds per sales channel over a trailing window.</summary>
    [KernelFunction("get_channel_summary"), ReadOnlyFunction]
    [PlannerHints(
        ["compare sales by channel", "which sales channel brings the most orders", "orders and revenue per sales channel"],
        ["by channel", "per channel", "each channel", "sales channel", "channel summary", "which channel", "across channels"])]
    [Description("Compares the sales channels (shopify, tiktok_shop, youtube, amazon, ebay, etsy): orders, revenue, average order value, refunds and live listings per channel over the last days.")]
    public async Task<string> GetChannelSummaryAsync(
        [Description("One sales channel, e.g. tiktok_shop; leave empty for every channel.")] string? channel = null,
        [Description("How many days back to look (default 7).")] int days = 7,
        CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, 365);
        var window = TimeWindow.Trailing(time.GetUtcNow(), days);
        var chosen = string.IsNullOrWhiteSpace(channel) ? _channels : _channels.Where(c => c.IntegrationId == channel.Trim().ToLowerInvariant()).ToList();
        if (chosen.Count == 0) return $"no sales channel {channel}; channels are {string.Join(", ", _channels.Select(c => c.IntegrationId))}";
        var summaries = new List<ChannelSummary>();
        foreach (var c in chosen) summaries.Add(await c.GetSummaryAsync(window, cancellationToken));
        return ModelText.Json(new
        {
            days,
            total_orders = summaries.Sum(s => s.Orders),
            total_revenue = summaries.Sum(s => s.Revenue),
            channels = summaries.Select(s => new
            {
                channel = s.Channel, orders = s.Orders, revenue = s.Revenue, average_order_value = s.AverageOrderValue,
                refunds = s.Refunds, refund_count = s.RefundCount, refund_rate_pct = s.RefundRatePct, chargeback_rate_pct = s.ChargebackRatePct,
                contribution_margin = s.ContributionMargin,
                live_listings = s.LiveListings,
            }),
        });
    }
}
