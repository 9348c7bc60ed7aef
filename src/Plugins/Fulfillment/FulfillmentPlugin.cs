using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Fulfillment.Providers;
using LiveShop.Plugins.Functions;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Fulfillment;

/// <summary>
/// Stock and shipping: what is on hand, how the warehouses keep up, and the fulfilment and reorders a persona may
/// propose. <paramref name="providers"/> are the fulfilment providers asked for their status (the sandbox of every
/// provider when not given).
/// </summary>
[Description("Stock levels, order fulfilment and stock reorders.")]
public sealed class FulfillmentPlugin(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time, IReadOnlyList<IFulfilmentProvider>? providers = null)
{
    private readonly IReadOnlyList<IFulfilmentProvider> _providers = providers ?? SandboxFulfilmentProvider.ForEveryProvider(contexts);

    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Fulfillment";

    /// <summary>Stock on hand against the reorder point.</summary>
    [KernelFunction("get_stock"), ReadOnlyFunction]
    [PlannerHints(
        ["how much stock do we have", "which products need reordering", "inventory level of p_2"],
        ["stock level", "in stock", "inventory", "on hand", "running low", "need reorder", "needs reorder", "stock of", "how many left"])]
    [Description("Shows stock on hand, reorder point and unit cost of one product, or of every product at or below its reorder point.")]
    public async Task<string> GetStockAsync(
        [Description("One product id, e.g. p_3; leave empty for every product that needs reordering.")] string? product_id = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = db.Products.AsNoTracking();
        products = string.IsNullOrWhiteSpace(product_id)
            ? products.Where(p => p.Stock <= p.ReorderPoint)
            : products.Where(p => p.Id == product_id);
        var rows = await products.OrderBy(p => p.Stock).ThenBy(p => p.Id).Take(50)
            .Select(p => new { p.Id, p.Title, p.Stock, p.ReorderPoint, p.UnitCost, p.SupplierId })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && !string.IsNullOrWhiteSpace(product_id)) return $"no product with id {product_id}";
        return ModelText.Json(new
        {
            products = rows.Select(p => new
            {
                product_id = p.Id, title = p.Title, stock = p.Stock, reorder_point = p.ReorderPoint,
                needs_reorder = p.Stock <= p.ReorderPoint, unit_cost = p.UnitCost, supplier_id = p.SupplierId,
            }),
        });
    }

    /// <summary>Backlog and shipping service level per fulfilment provider.</summary>
    [KernelFunction("get_fulfilment_status"), ReadOnlyFunction]
    [PlannerHints(
        ["how is the 3pl keeping up", "how big is the shipping backlog", "is the warehouse meeting its shipping sla"],
        ["3pl", "backlog", "sla", "waiting to ship", "waiting to be shipped", "unshipped", "shipbob", "fulfilment status", "fulfillment status"])]
    [Description("Shows each 3PL warehouse and shipping provider (au_3pl, shipbob, shipping_labels): orders waiting to be shipped (backlog), the oldest waiting order, hours to ship, SLA met % and delivery days over the last days.")]
    public async Task<string> GetFulfilmentStatusAsync(
        [Description("One provider, e.g. au_3pl; leave empty for every provider.")] string? provider = null,
        [Description("How many days back to measure shipping performance (default 7).")] int days = 7,
        CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, 90);
        var now = time.GetUtcNow();
        var chosen = string.IsNullOrWhiteSpace(provider) ? _providers : _providers.Where(p => p.IntegrationId == provider.Trim().ToLowerInvariant()).ToList();
        if (chosen.Count == 0) return $"no fulfilment provider {provider}; providers are {string.Join(", ", _providers.Select(p => p.IntegrationId))}";
        var statuses = new List<FulfilmentStatus>();
        foreach (var p in chosen) statuses.Add(await p.GetStatusAsync(now.AddDays(-days), now, cancellationToken));
        return ModelText.Json(new
        {
            days,
            total_backlog = statuses.Sum(s => s.Backlog),
            providers = statuses.Select(s => new
            {
                provider = s.Provider, backlog = s.Backlog, oldest_backlog_hours = s.OldestBacklogHours, shipped = s.Shipped,
                sla_hours = s.SlaHours, sla_met_pct = s.SlaMetPct, average_hours_to_ship = s.AverageHoursToShip,
                delivered = s.Delivered, average_days_to_deliver = s.AverageDaysToDeliver,
            }),
        });
    }
}
