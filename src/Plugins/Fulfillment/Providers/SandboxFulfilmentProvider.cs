using LiveShop.Kernel.Actions.Definitions.Fulfilment;
using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Integrations;
using Microsoft.EntityFrameworkCore;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Fulfillment.Providers;

/// <summary>
/// The sandbox of every fulfilment provider: answers for one integration id from the orders <see cref="FulfilmentRouting"/>
/// routes to it. Its action (<see cref="FulfillOrderAction"/>) is carried out by the sandbox executor.
/// </summary>
public sealed class SandboxFulfilmentProvider(IDbContextFactory<LiveShopDbContext> contexts, string integrationId, int slaHours = SandboxFulfilmentProvider.DefaultSlaHours)
    : IFulfilmentProvider
{
    /// <summary>The shipping promise (<see cref="DeliverySla"/>).</summary>
    public const int DefaultSlaHours = DeliverySla.ShipWithinHours;

    /// <summary>One sandbox provider per fulfilment integration of the catalog, in catalog order.</summary>
    public static IReadOnlyList<IFulfilmentProvider> ForEveryProvider(IDbContextFactory<LiveShopDbContext> contexts) =>
        IntegrationCatalog.All.Where(i => i.Family == IntegrationFamily.Fulfillment)
            .Select(i => (IFulfilmentProvider)new SandboxFulfilmentProvider(contexts, i.Id)).ToList();

    /// <inheritdoc />
    public string IntegrationId => integrationId;

    /// <inheritdoc />
    public async Task<FulfilmentStatus> GetStatusAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var routed = db.Orders.AsNoTracking().Where(FulfilmentRouting.OrdersOf(integrationId)).Where(o => o.PlacedAt <= now);
        var backlog = await routed.Where(o => o.Status == "paid" && o.FulfilledAt == null).Select(o => o.PlacedAt).ToListAsync(cancellationToken);
        var window = new TimeWindow(from, now);
        var hours = (await routed.ShippedIn(window).Select(o => new { o.PlacedAt, FulfilledAt = o.FulfilledAt!.Value }).ToListAsync(cancellationToken))
            .Select(s => (s.FulfilledAt - s.PlacedAt).TotalHours).ToList();
        var (shipped, withinSla) = await DeliverySla.TallyAsync(routed, window, cancellationToken, slaHours);
        var delivered = await routed.Where(o => o.DeliveredAt >= from && o.DeliveredAt <= now && o.FulfilledAt != null)
            .Select(o => new { FulfilledAt = o.FulfilledAt!.Value, DeliveredAt = o.DeliveredAt!.Value }).ToListAsync(cancellationToken);
        return new FulfilmentStatus(
            integrationId,
            backlog.Count,
            backlog.Count == 0 ? null : Math.Round((now - backlog.Min()).TotalHours, 1),
            shipped,
            withinSla,
            hours.Count == 0 ? null : Math.Round(hours.Average(), 1),
            delivered.Count,
            delivered.Count == 0 ? null : Math.Round(delivered.Average(d => (d.DeliveredAt - d.FulfilledAt).TotalDays), 1),
            slaHours);
    }
}
