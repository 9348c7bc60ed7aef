using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Research.Trends;

/// <summary>
/// Trend signals computed from the business's own orders (the sandbox answer of the <c>trend_signals</c> integration):
/// products and categories compared window against window.
/// </summary>
public sealed class OwnSalesTrendSignals(IDbContextFactory<LiveShopDbContext> contexts) : ITrendSignals
{
    private static readonly string[] NotSales = ["cancelled", "payment_failed"];

    /// <inheritdoc />
    public string IntegrationId => "trend_signals";

    /// <inheritdoc />
    public async Task<TrendReport> GetTrendReportAsync(DateTimeOffset asOf, int windowDays, int limit, CancellationToken cancellationToken)
    {
        var recentFrom = asOf.AddDays(-windowDays);
        var previousFrom = recentFrom.AddDays(-windowDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sold = await db.OrderLines.AsNoTracking()
            .Join(db.Orders.Where(o => o.PlacedAt >= previousFrom && o.PlacedAt < asOf && !NotSales.Contains(o.Status)),
                l => l.OrderId, o => o.Id, (l, o) => new { l.ProductId, l.Quantity, l.LineTotal, Recent = o.PlacedAt >= recentFrom })
            .GroupBy(x => new { x.ProductId, x.Recent })
            .Select(g => new { g.Key.ProductId, g.Key.Recent, Units = g.Sum(x => x.Quantity), Revenue = g.Sum(x => x.LineTotal) })
            .ToListAsync(cancellationToken);
        var ids = sold.Select(s => s.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Category }).ToDictionaryAsync(p => p.Id, cancellationToken);

        var productLines = sold.GroupBy(s => s.ProductId).Select(g =>
        {
            var recent = g.SingleOrDefault(x => x.Recent);
            var previous = g.SingleOrDefault(x => !x.Recent);
            var product = products[g.Key];
            return new TrendLine
            {
                Key = g.Key, Title = product.Title, Category = product.Category,
                UnitsRecent = recent?.Units ?? 0, UnitsPrevious = previous?.Units ?? 0,
                RevenueRecent = recent?.Revenue ?? 0m, RevenuePrevious = previous?.Revenue ?? 0m,
            };
        }).ToList();
        var categoryLines = productLines.GroupBy(l => l.Category).Select(g => new TrendLine
        {
            Key = g.Key, Category = g.Key,
            UnitsRecent = g.Sum(l => l.UnitsRecent), UnitsPrevious = g.Sum(l => l.UnitsPrevious),
            RevenueRecent = g.Sum(l => l.RevenueRecent), RevenuePrevious = g.Sum(l => l.RevenuePrevious),
        }).ToList();
        return new TrendReport
        {
            AsOf = asOf, WindowDays = windowDays,
            Products = TrendRanking.Growing(productLines, limit),
            Categories = TrendRanking.Growing(categoryLines, limit),
            Declining = TrendRanking.Declining(productLines, limit),
        };
    }
}
