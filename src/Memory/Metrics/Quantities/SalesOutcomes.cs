using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>What became of the sales placed in a window: how many, their revenue, and how many refunded or were disputed.</summary>
/// <param name="Orders">Sales placed in the window (<see cref="Sales"/>).</param>
/// <param name="Revenue">Their totals.</param>
/// <param name="RefundedOrders">Of those, the ones that refunded anything (<see cref="RefundedAmount"/>).</param>
/// <param name="RefundedAmount">What they refunded together.</param>
/// <param name="ChargedBackOrders">Of those, the ones with a dispute opened against them.</param>
/// <param name="ContributionMargin">What they made (<see cref="SalesMargins"/>), to two places.</param>
public sealed record SalesOutcomes(int Orders, decimal Revenue, int RefundedOrders, decimal RefundedAmount, int ChargedBackOrders, decimal ContributionMargin)
{
    /// <summary>See <see cref="Quantities.RefundRate"/>.</summary>
    public decimal? RefundRatePct => Quantities.RefundRate.Pct(RefundedOrders, Orders);

    /// <summary>See <see cref="Quantities.ChargebackRate"/>.</summary>
    public decimal? ChargebackRatePct => Quantities.ChargebackRate.Pct(ChargedBackOrders, Orders);

    /// <summary>The outcomes of the sales placed in <paramref name="window"/>, on one <paramref name="channel"/> or on all.</summary>
    public static async Task<SalesOutcomes> OfAsync(LiveShopDbContext db, TimeWindow window, string? channel, CancellationToken cancellationToken)
    {
        var sales = db.Orders.AsNoTracking().PlacedIn(window);
        if (channel is not null) sales = sales.Where(o => o.Channel == channel);
        var totals = await sales.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Revenue = g.Sum(o => o.Total) })
            .SingleOrDefaultAsync(cancellationToken);
        var refunded = await db.Refunds.AsNoTracking().ThatCount().Where(r => sales.Any(o => o.Id == r.OrderId))
            .GroupBy(_ => 1)
            .Select(g => new { Orders = g.Select(r => r.OrderId).Distinct().Count(), Amount = g.Sum(r => r.Amount) })
            .SingleOrDefaultAsync(cancellationToken);
        var chargedBack = await sales.CountAsync(o => db.Disputes.Any(d => d.OrderId == o.Id), cancellationToken);
        var margin = (await SalesMargins.OfAsync(db, sales, cancellationToken)).Sum(l => l.Margin);
        return new SalesOutcomes(totals?.Count ?? 0, totals?.Revenue ?? 0m, refunded?.Orders ?? 0, refunded?.Amount ?? 0m, chargedBack,
            SalesMargins.Reported(margin));
    }
}
