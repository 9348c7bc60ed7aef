namespace LiveShop.Plugins.Commerce.Channels;

/// <summary>One sales channel's trading over a window.</summary>
/// <param name="Channel">The integration id (orders.channel), e.g. <c>tiktok_shop</c>.</param>
/// <param name="Orders">Orders placed in the window, cancelled and failed payments excluded.</param>
/// <param name="Revenue">Their totals.</param>
/// <param name="Refunds">Refunds processed in the window on the channel's orders.</param>
/// <param name="RefundCount">How many refunds that was.</param>
/// <param name="LiveListings">Listings active or published on the channel now.</param>
public sealed record ChannelSummary(string Channel, int Orders, decimal Revenue, decimal Refunds, int RefundCount, int LiveListings)
{
    /// <summary>Average order value; zero without orders.</summary>
    public decimal AverageOrderValue => Orders == 0 ? 0m : Math.Round(Revenue / Orders, 2);

    /// <summary>Refunds as a share of revenue, in percent; null without revenue.</summary>
    public decimal? RefundRatePct => Revenue == 0 ? null : Math.Round(100m * Refunds / Revenue, 1);
}

/// <summary>
/// What a sales channel (Shopify, TikTok Shop, YouTube Shopping, Amazon, eBay, Etsy) must offer: its trading figures,
/// and carrying out the commerce actions of <see cref="ContractActions"/> on its own orders and listings.
/// </summary>
public interface ISalesChannel
{
    /// <summary>The contract actions (CONTRACTS.md §1) a channel carries out.</summary>
    static IReadOnlyList<string> ContractActions { get; } = ["publish_listing", "change_price", "refund_order", "fulfill_order"];

    /// <summary>The integration id, equal to the orders.channel and listings.channel value it owns.</summary>
    string IntegrationId { get; }

    /// <summary>Orders, revenue, refunds and live listings between <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive).</summary>
    Task<ChannelSummary> GetSummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
