using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Integrations;
using Microsoft.EntityFrameworkCore;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Payments.Providers;

/// <summary>
/// The sandbox of every payment provider: customer money from payments whose provider is the integration id, and
/// outgoing supplier and creator payments for the payout provider (<see cref="PayoutProvider"/>). Its actions are carried
/// out by the sandbox executors.
/// </summary>
public sealed class SandboxPaymentProvider(IDbContextFactory<LiveShopDbContext> contexts, string integrationId) : IPaymentProvider
{
    /// <summary>The provider that pays suppliers and creators (international transfers).</summary>
    public const string PayoutProvider = "wise";

    private static readonly string[] PayoutJournals = ["supplier_payment", "creator_payout"];

    /// <summary>One sandbox provider per payments integration of the catalog, in catalog order.</summary>
    public static IReadOnlyList<IPaymentProvider> ForEveryProvider(IDbContextFactory<LiveShopDbContext> contexts) =>
        IntegrationCatalog.All.Where(i => i.Family == IntegrationFamily.Payments).Select(i => (IPaymentProvider)new SandboxPaymentProvider(contexts, i.Id)).ToList();

    /// <inheritdoc />
    public string IntegrationId => integrationId;

    /// <inheritdoc />
    public async Task<PaymentActivity> GetActivityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payments = db.Payments.AsNoTracking().Where(p => p.Provider == integrationId);
        var captured = await payments.Where(p => p.CapturedAt >= from && p.CapturedAt < to)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Amount = g.Sum(p => p.Amount), Fees = g.Sum(p => p.Fee) })
            .SingleOrDefaultAsync(cancellationToken);
        var refunded = await db.Refunds.AsNoTracking().PaidOut(new TimeWindow(from, to))
            .Where(r => payments.Any(p => p.OrderId == r.OrderId))
            .SumAsync(r => (decimal?)r.Amount, cancellationToken) ?? 0m;
        var (payoutCount, paidOut) = (0, 0m);
        if (integrationId == PayoutProvider)
        {
            // Supplier and creator payments leave the bank account (1000) as journal entries of these kinds.
            var payouts = await db.JournalEntries.AsNoTracking()
                .Where(e => PayoutJournals.Contains(e.SourceType) && e.OccurredAt >= from && e.OccurredAt < to)
                .Select(e => e.Lines.Where(l => l.AccountCode == PaymentsPlugin.CashAccountCode).Sum(l => l.Credit - l.Debit))
                .ToListAsync(cancellationToken);
            (payoutCount, paidOut) = (payouts.Count, payouts.Sum());
        }
        return new PaymentActivity(integrationId, captured?.Count ?? 0, captured?.Amount ?? 0m, captured?.Fees ?? 0m, refunded, payoutCount, paidOut);
    }
}
