using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Fulfillment.Providers;

/// <summary>One fulfilment provider's backlog and service level.</summary>
/// <param name="Provider">The integration id, e.g. <c>au_3pl</c>.</param>
/// <param name="Backlog">Paid orders routed to it and not yet shipped.</param>
/// <param name="OldestBacklogHours">Age of the oldest of them; null without backlog.</param>
/// <param name="Shipped">Orders shipped in the window.</param>
/// <param name="ShippedWithinSla">Of those, shipped within <paramref name="SlaHours"/> of being placed.</param>
/// <param name="AverageHoursToShip">Average hours from order to shipping in the window; null when nothing shipped.</param>
/// <param name="Delivered">Orders delivered in the window.</param>
/// <param name="AverageDaysToDeliver">Average days from shipping to delivery of those; null when none.</param>
/// <param name="SlaHours">The shipping promise measured against.</param>
public sealed record FulfilmentStatus(string Provider, int Backlog, double? OldestBacklogHours, int Shipped, int ShippedWithinSla,
    double? AverageHoursToShip, int Delivered, double? AverageDaysToDeliver, int SlaHours)
{
    /// <summary>See <see cref="DeliverySla"/>.</summary>
    public double? SlaMetPct => DeliverySla.MetPct(ShippedWithinSla, Shipped);
}

/// <summary>
/// What a fulfilment provider (ShipBob, the Australian 3PL, shipping labels) must offer: its backlog and service level,
/// and carrying out <see cref="ContractActions"/> for the orders routed to it.
/// </summary>
public interface IFulfilmentProvider
{
    /// <summary>The contract actions (CONTRACTS.md §1) a provider carries out.</summary>
    static IReadOnlyList<string> ContractActions { get; } = ActionCatalog.ClaimableBy(IntegrationFamily.Fulfillment);

    /// <summary>The integration id.</summary>
    string IntegrationId { get; }

    /// <summary>Backlog now and shipping performance over the window from <paramref name="from"/> to <paramref name="now"/>.</summary>
    Task<FulfilmentStatus> GetStatusAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken);
}
