using System.Linq.Expressions;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Payments;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// What has been refunded on an order: its refunds that are requested, approved or processed. A refund that was rejected,
/// failed or cancelled never left the shop and never will, so it does not count; any other status counts, so the refund
/// cap errs towards "already refunded". Refundable = order total − refunded, never below zero.
/// Not the same as <see cref="PaidOut"/>, the money that actually left in a window (processed refunds only).
/// </summary>
public static class RefundedAmount
{
    /// <summary>Refund statuses that are not refunded.</summary>
    public static IReadOnlyList<string> NotRefundedStatuses { get; } = ["rejected", "failed", "cancelled"];

    private static readonly string[] NotRefunded = [.. NotRefundedStatuses];

    /// <summary>The refund status whose money has left the business.</summary>
    public const string ProcessedStatus = "processed";

    /// <summary>
    /// The same rule as SQL over a <c>refunds</c> row aliased <c>r</c>, for hand-written reads (the verifier's one-round-trip
    /// batch). Kept equal to <see cref="NotRefundedStatuses"/> by the quantity agreement tests.
    /// </summary>
    public const string SqlCounts = "r.status NOT IN ('rejected', 'failed', 'cancelled')";

    /// <summary>The rule as a database filter.</summary>
    public static Expression<Func<Refund, bool>> Counts { get; } = r => !NotRefunded.Contains(r.Status);

    /// <summary>Whether a refund with <paramref name="status"/> counts as refunded (the in-memory form, for the simulator).</summary>
    public static bool CountsStatus(string status) => !NotRefunded.Contains(status);

    /// <summary>The refunds among <paramref name="refunds"/> that count as refunded.</summary>
    public static IQueryable<Refund> ThatCount(this IQueryable<Refund> refunds) => refunds.Where(Counts);

    /// <summary>What has been refunded on one order.</summary>
    public static async Task<decimal> OfOrderAsync(LiveShopDbContext db, string orderId, CancellationToken cancellationToken) =>
        await db.Refunds.AsNoTracking().ThatCount().Where(r => r.OrderId == orderId).SumAsync(r => (decimal?)r.Amount, cancellationToken) ?? 0m;

    /// <summary>What has been refunded per order, for the orders of <paramref name="orderIds"/> that refunded anything.</summary>
    public static Task<Dictionary<string, decimal>> OfOrdersAsync(LiveShopDbContext db, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        db.Refunds.AsNoTracking().ThatCount().Where(r => orderIds.Contains(r.OrderId))
            .GroupBy(r => r.OrderId).Select(g => new { OrderId = g.Key, Amount = g.Sum(r => r.Amount) })
            .ToDictionaryAsync(g => g.OrderId, g => g.Amount, cancellationToken);

    /// <summary>What may still be refunded on an order of <paramref name="total"/> that refunded <paramref name="refunded"/>.</summary>
    public static decimal Refundable(decimal total, decimal refunded) => Math.Max(total - refunded, 0m);

    /// <summary>
    /// Refunds paid out in <paramref name="window"/>: processed refunds by the time they were processed. A cash-flow figure
    /// (what a payment provider or a channel paid back), not what an order has refunded.
    /// </summary>
    public static IQueryable<Refund> PaidOut(this IQueryable<Refund> refunds, TimeWindow window) =>
        refunds.Where(r => r.Status == ProcessedStatus && r.ProcessedAt >= window.From && r.ProcessedAt < window.To);
}
