using LiveShop.Memory.Data;
using LiveShop.Memory.Metrics.Quantities;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Metrics;

/// <summary>Computes the <see cref="BusinessOverview"/> from the operational tables, with the business quantities' one definition each.</summary>
public sealed class BusinessOverviewQuery(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time)
{
    /// <summary>The overview of the trailing <paramref name="days"/> days up to now.</summary>
    public async Task<BusinessOverview> GetAsync(int days = 30, int topProducts = 5, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = TimeWindow.Trailing(now, days);
        var adDays = DayWindow.Trailing(DateOnly.FromDateTime(now.UtcDateTime), days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var sales = await SalesOutcomes.OfAsync(db, window, channel: null, cancellationToken);
        var ads = await db.AdSetDailyMetrics.AsNoTracking().In(adDays)
            .GroupBy(_ => 1)
            .Select(g => new { Spend = g.Sum(m => m.Spend), Revenue = g.Sum(m => m.Revenue) })
            .SingleOrDefaultAsync(cancellationToken);
        var (shipped, withinSla) = await DeliverySla.TallyAsync(db.Orders.AsNoTracking(), window, cancellationToken);
        var top = await TopProductsQuery.GetAsync(db, window, topProducts, cancellationToken);

        var spend = ads?.Spend ?? 0m;
        return new BusinessOverview
        {
            From = window.From,
            To = window.To,
            Revenue = sales.Revenue,
            Orders = sales.Orders,
            AverageOrderValue = sales.Orders == 0 ? 0 : Math.Round(sales.Revenue / sales.Orders, 2),
            RefundRatePct = sales.RefundRatePct ?? 0m,
            RefundedAmount = sales.RefundedAmount,
            ChargebackRatePct = sales.ChargebackRatePct ?? 0m,
            ContributionMargin = sales.ContributionMargin,
            AdSpend = spend,
            Roas = Roas.Reported(ads?.Revenue ?? 0m, spend),
            SlaMetPct = DeliverySla.MetPct(withinSla, shipped),
            OpenTickets = await db.SupportTickets.CountAsync(t => t.Status != "resolved" && t.Status != "closed", cancellationToken),
            Products = await db.Products.CountAsync(cancellationToken),
            TopProducts = top,
        };
    }
}
