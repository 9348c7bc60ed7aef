using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Integrations;
using Microsoft.EntityFrameworkCore;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Commerce.Channels;

/// <summary>
/// The sandbox of every sales channel: answers for one integration id from the product's own orders, refunds and
/// listings whose channel is that id. Its actions are carried out by the sandbox executors.
/// </summary>
public sealed class SandboxSalesChannel(IDbContextFactory<LiveShopDbContext> contexts, string integrationId) : ISalesChannel
{
    private static readonly string[] LiveListing = ["active", "published"];

    /// <summary>One sandbox channel per commerce integration of the catalog, in catalog order.</summary>
    public static IReadOnlyList<ISalesChannel> ForEveryChannel(IDbContextFactory<LiveShopDbContext> contexts) =>
        IntegrationCatalog.All.Where(i => i.Family == IntegrationFamily.Commerce).Select(i => (ISalesChannel)new SandboxSalesChannel(contexts, i.Id)).ToList();

    /// <inheritdoc />
    public string IntegrationId => integrationId;

    /// <inheritdoc />
    public async Task<ChannelSummary> GetSummaryAsync(TimeWindow window, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sales = await SalesOutcomes.OfAsync(db, window, integrationId, cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().PaidOut(window)
            .Where(r => db.Orders.Any(o => o.Id == r.OrderId && o.Channel == integrationId))
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Amount = g.Sum(r => r.Amount) })
            .SingleOrDefaultAsync(cancellationToken);
        var listings = await db.Listings.CountAsync(l => l.Channel == integrationId && LiveListing.Contains(l.Status), cancellationToken);
        return new ChannelSummary(integrationId, sales.Orders, sales.Revenue, refunds?.Amount ?? 0m, refunds?.Count ?? 0, listings,
            sales.RefundedOrders, sales.ChargedBackOrders, sales.ContributionMargin);
    }
}
