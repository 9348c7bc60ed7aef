using LiveShop.Memory.Data;
using LiveShop.Memory.Metrics.Quantities;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Metrics;

/// <summary>The best-selling products of a window by revenue, as the dashboard and the model both see them.</summary>
public static class TopProductsQuery
{
    /// <summary>
    /// The <paramref name="limit"/> products whose sales in <paramref name="window"/> brought the most revenue (ties by id),
    /// with units, revenue and the contribution margin those sales made.
    /// </summary>
    public static async Task<IReadOnlyList<TopProduct>> GetAsync(LiveShopDbContext db, TimeWindow window, int limit, CancellationToken cancellationToken)
    {
        var sales = db.Orders.AsNoTracking().PlacedIn(window);
        var top = await db.OrderLines.AsNoTracking()
            .Where(l => sales.Any(o => o.Id == l.OrderId))
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(l => l.Quantity), Revenue = g.Sum(l => l.LineTotal) })
            .OrderByDescending(x => x.Revenue).ThenBy(x => x.ProductId)
            .Take(limit)
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new { p.Id, p.Title, p.Category, x.Units, x.Revenue, p.Price, p.Stock })
            .ToListAsync(cancellationToken);
        var ids = top.Select(t => t.Id).ToList();
        var margins = (await SalesMargins.OfAsync(db, sales.Where(o => o.Lines.Any(l => ids.Contains(l.ProductId))), cancellationToken)).ByProduct();
        return top
            .Select(t => new TopProduct(t.Id, t.Title, t.Category, t.Units, t.Revenue, SalesMargins.Reported(margins.GetValueOrDefault(t.Id)), t.Price, t.Stock))
            .OrderByDescending(t => t.Revenue).ThenBy(t => t.ProductId, StringComparer.Ordinal)
            .ToList();
    }
}
