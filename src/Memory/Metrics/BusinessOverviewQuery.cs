using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Metrics;

/// <summary>Computes the <see cref="BusinessOverview"/> from the operational tables.</summary>
public sealed class BusinessOverviewQuery(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time)
{
    private static readonly string[] NotRevenue = ["cancelled", "payment_failed"];

    /// <summary>The overview of the trailing <paramref name="days"/> days up to now.</summary>
    public async Task<BusinessOverview> GetAsync(int days = 30, int topProducts = 5, CancellationToken cancellationToken = default)
    {
        var to = time.GetUtcNow();
        var from = to.AddDays(-days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var orders = db.Orders.AsNoTracking().Where(o => o.PlacedAt >= from && o.PlacedAt < to && !NotRevenue.Contains(o.Status));
        var totals = await orders
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Revenue = g.Sum(o => o.Total) })
            .SingleOrDefaultAsync(cancellationToken);
        var refunded = await db.Refunds.AsNoTracking()
            .Where(r => r.Status != "rejected" && orders.Any(o => o.Id == r.OrderId))
            .GroupBy(_ => 1)
            .Select(g => new { Orders = g.Select(r => r.OrderId).Distinct().Count(), Amount = g.Sum(r => r.Amount) })
            .SingleOrDefaultAsync(cancellationToken);
        var fromDate = DateOnly.FromDateTime(from.UtcDateTime);
        var toDate = DateOnly.FromDateTime(to.UtcDateTime);
        var ads = await db.AdSetDailyMetrics.AsNoTracking()
            .Where(m => m.Date >= fromDate && m.Date <= toDate)
            .GroupBy(_ => 1)
            .Select(g => new { Spend = g.Sum(m => m.Spend), Revenue = g.Sum(m => m.Revenue) })
            .SingleOrDefaultAsync(cancellationToken);
        var top = await db.OrderLines.AsNoTracking()
            .Where(l => orders.Any(o => o.Id == l.OrderId))
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(l => l.Quantity), Revenue = g.Sum(l => l.LineTotal) })
            .OrderByDescending(x => x.Revenue)
            .Take(topProducts)
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new TopProduct(p.Id, p.Title, p.Category, x.Units, x.Revenue))
            .ToListAsync(cancellationToken);

        var orderCount = totals?.Count ?? 0;
        var revenue = totals?.Revenue ?? 0m;
        var spend = ads?.Spend ?? 0m;
        return new BusinessOverview
        {
            From = from,
            To = to,
            Revenue = revenue,
            Orders = orderCount,
            AverageOrderValue = orderCount == 0 ? 0 : Math.Round(revenue / orderCount, 2),
            RefundRatePct = orderCount == 0 ? 0 : Math.Round(100m * (refunded?.Orders ?? 0) / orderCount, 2),
            RefundedAmount = refunded?.Amount ?? 0m,
            AdSpend = spend,
            Roas = spend == 0 ? null : Math.Round((ads?.Revenue ?? 0m) / spend, 2),
            OpenTickets = await db.SupportTickets.CountAsync(t => t.Status != "resolved" && t.Status != "closed", cancellationToken),
            Products = await db.Products.CountAsync(cancellationToken),
            TopProducts = top.OrderByDescending(t => t.Revenue).ToList(),
        };
    }
}
