using LiveShop.Memory.Data;
using LiveShop.Memory.Metrics.Quantities;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Guardrails;

/// <summary>An active ad set: its product, its daily budget and its 7-day ROAS at the close of each recent day (oldest first).</summary>
public sealed record ActiveAdSet(string Id, string ProductId, decimal DailyBudget, IReadOnlyList<decimal?> ClosingRoas, decimal Spend, decimal Revenue);

/// <summary>
/// What the guardrails read about ad sets, from the same definitions the verifier uses (<see cref="Roas"/>): the active
/// ad sets with their 7-day ROAS at the close of each of the last days. A guardrail judges closed days only; the day the
/// business clock stands in is not over yet.
/// </summary>
public static class AdSetPerformance
{
    /// <summary>The last day that has closed at <paramref name="businessNow"/>.</summary>
    public static DateOnly LastClosedDay(DateTimeOffset businessNow) => DateOnly.FromDateTime(businessNow.UtcDateTime).AddDays(-1);

    /// <summary>
    /// The active ad sets with the 7-day ROAS at the close of each of the <paramref name="days"/> days ending
    /// <paramref name="lastClosedDay"/> (null where the window spent nothing), and spend and revenue over those days.
    /// </summary>
    public static async Task<IReadOnlyList<ActiveAdSet>> ReadAsync(LiveShopDbContext db, DateOnly lastClosedDay, int days, CancellationToken cancellationToken)
    {
        days = Math.Max(1, days);
        var adSets = await db.AdSets.AsNoTracking().Where(a => a.Status == "active").OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.ProductId, a.DailyBudget }).ToListAsync(cancellationToken);
        var from = DayWindow.Trailing(lastClosedDay.AddDays(1 - days), Roas.TrailingDays).From;
        var ids = adSets.Select(a => a.Id).ToList();
        var metrics = await db.AdSetDailyMetrics.AsNoTracking()
            .Where(m => ids.Contains(m.AdSetId) && m.Date >= from && m.Date <= lastClosedDay)
            .Select(m => new { m.AdSetId, m.Date, m.Spend, m.Revenue }).ToListAsync(cancellationToken);
        var byAdSet = metrics.ToLookup(m => m.AdSetId);
        var judged = new DayWindow(lastClosedDay.AddDays(1 - days), lastClosedDay.AddDays(1));
        return adSets.Select(a =>
        {
            var rows = byAdSet[a.Id].ToList();
            var closing = Enumerable.Range(0, days).Select(i =>
            {
                var window = DayWindow.Trailing(judged.From.AddDays(i), Roas.TrailingDays);
                var inWindow = rows.Where(r => window.Contains(r.Date)).ToList();
                return Roas.Of(inWindow.Sum(r => r.Revenue), inWindow.Sum(r => r.Spend));
            }).ToList();
            var judgedRows = rows.Where(r => judged.Contains(r.Date)).ToList();
            return new ActiveAdSet(a.Id, a.ProductId, a.DailyBudget, closing, judgedRows.Sum(r => r.Spend), judgedRows.Sum(r => r.Revenue));
        }).ToList();
    }
}
