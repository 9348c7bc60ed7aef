using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Commerce.Channels;

/// <summary>One sales channel's trading over a window.</summary>
/// <param name="Channel">The integration id (orders.channel), e.g. <c>tiktok_shop</c>.</param>
/// <param name="Orders">Sales placed in the window (<see cref="Sales"/>: cancelled orders and failed payments excluded).</param>
/// <param name="Revenue">Their totals.</param>
/// <param name="Refunds">Refunds paid out in the window on the channel's orders (<see cref="RefundedAmount.PaidOut"/>).</param>
/// <param name="RefundCount">How many refunds that was.</param>
/// <param name="LiveListings">Listings active or published on the channel now.</param>
/// <param name="RefundedOrders">Of the sales, the ones that refunded anything (<see cref="RefundedAmount"/>).</param>
/// <param name="ChargedBackOrders">Of the sales, the ones with a dispute opened against them.</param>
/// <param name="ContributionMargin">What the sales made (<see cref="SalesMargins"/>).</param>
public sealed record ChannelSummary(string Channel, int Orders, decimal Revenue, decimal Refunds, int RefundCount, int LiveListings,
    int RefundedOrders, int ChargedBackOrders, decimal ContributionMargin)
{
    /// <summary>Average order value; zero without orders.</summary>
    public decimal AverageOrderValue => Orders == 0 ? 0m : Math.Round(Revenue / Orders, 2);

    /// <summary>See <see cref="RefundRate"/>.</summary>
    public decimal? RefundRatePct => RefundRate.Pct(RefundedOrders, Orders);

    /// <summary>See <see cref="ChargebackRate"/>.</summary>
    public decimal? ChargebackRatePct => ChargebackRate.Pct(ChargedBackOrders, Orders);
}

/// <summary>
/// What a sales channel (Shopify, TikTok Shop, YouTube Shopping, Amazon, eBay, Etsy) must offer: its trading figures,
/// and carrying out the commerce actions of <see cref="ContractActions"/> on its own orders and listings.
/// </summary>
public interface ISalesChannel
{
    /// <summary>The contract actions (CONTRACTS.md §1) a channel carries out.</summary>
    static IReadOnlyList<string> ContractActions { get; } = ActionCatalog.ClaimableBy(IntegrationFamily.Commerce);

    /// <summary>The integration id, equal to the orders.channel and listings.channel value it owns.</summary>
    string IntegrationId { get; }

    /// <summary>Orders, revenue, refunds and live listings over <paramref name="window"/>.</summary>
    Task<ChannelSummary> GetSummaryAsync(TimeWindow window, CancellationToken cancellationToken);
}
