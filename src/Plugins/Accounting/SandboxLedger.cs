using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Integrations;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Accounting;

/// <summary>
/// The sandbox books of every accounting integration: statements computed from the product's own journal
/// (journal_entries, ledger_lines, ledger_accounts) and settlements table, whichever provider is asked.
/// </summary>
public sealed class SandboxLedger(IDbContextFactory<LiveShopDbContext> contexts, string integrationId) : IAccountingLedger
{
    /// <summary>Cost of goods sold in the chart of accounts.</summary>
    public const string CostOfGoodsAccount = "5000";

    /// <summary>Platform clearing: sales booked, not yet paid out by the platform.</summary>
    public const string ClearingAccount = "1100";

    /// <summary>One sandbox ledger per accounting integration of the catalog.</summary>
    public static IReadOnlyList<SandboxLedger> ForEveryProvider(IDbContextFactory<LiveShopDbContext> contexts) =>
        IntegrationCatalog.All.Where(i => i.Family == IntegrationFamily.Accounting).Select(i => new SandboxLedger(contexts, i.Id)).ToList();

    /// <inheritdoc />
    public string IntegrationId => integrationId;

    /// <inheritdoc />
    public async Task<ProfitAndLoss> GetProfitAndLossAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var balances = await BalancesAsync(from, to, cancellationToken);
        return new ProfitAndLoss
        {
            From = from, To = to,
            Revenue = Lines(balances, "revenue", creditNormal: true),
            Expenses = Lines(balances, "expense", creditNormal: false),
        };
    }

    /// <inheritdoc />
    public async Task<BalanceSheet> GetBalanceSheetAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var balances = await BalancesAsync(null, asOf.AddTicks(1), cancellationToken);
        var revenue = Lines(balances, "revenue", creditNormal: true).Sum(l => l.Amount);
        var expenses = Lines(balances, "expense", creditNormal: false).Sum(l => l.Amount);
        return new BalanceSheet
        {
            AsOf = asOf,
            Assets = Lines(balances, "asset", creditNormal: false),
            Liabilities = Lines(balances, "liability", creditNormal: true),
            Equity = Lines(balances, "equity", creditNormal: true),
            RetainedEarnings = revenue - expenses,
            TrialBalanceDifference = balances.Sum(b => b.Debit - b.Credit),
        };
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<UnreconciledSettlement> Settlements, decimal AwaitingSettlement)> GetUnreconciledSettlementsAsync(
        DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settlements = await db.Settlements.AsNoTracking()
            .Where(s => s.ReceivedAt <= asOf && (s.Status == "mismatch" || s.NetAmount != s.ExpectedNetAmount))
            .OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id)
            .Select(s => new UnreconciledSettlement(s.Id, s.Channel, s.PeriodStart, s.PeriodEnd, s.ExpectedNetAmount, s.NetAmount, s.ReceivedAt))
            .ToListAsync(cancellationToken);
        var clearing = await db.LedgerLines.AsNoTracking()
            .Where(l => l.AccountCode == ClearingAccount && db.JournalEntries.Any(e => e.Id == l.JournalEntryId && e.OccurredAt <= asOf))
            .SumAsync(l => (decimal?)(l.Debit - l.Credit), cancellationToken) ?? 0m;
        return (settlements, clearing);
    }

    private async Task<List<AccountBalance>> BalancesAsync(DateTimeOffset? from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.JournalEntries.AsNoTracking().Where(e => e.OccurredAt < to);
        if (from is { } start) entries = entries.Where(e => e.OccurredAt >= start);
        var sums = await db.LedgerLines.AsNoTracking()
            .Where(l => entries.Any(e => e.Id == l.JournalEntryId))
            .GroupBy(l => l.AccountCode)
            .Select(g => new { Code = g.Key, Debit = g.Sum(l => l.Debit), Credit = g.Sum(l => l.Credit) })
            .ToListAsync(cancellationToken);
        var accounts = await db.LedgerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken);
        return sums.Select(s => accounts.TryGetValue(s.Code, out var account)
                ? new AccountBalance(s.Code, account.Name, account.Type, s.Debit, s.Credit)
                // A line on an account missing from the chart still counts, so the trial balance stays honest.
                : new AccountBalance(s.Code, s.Code, "unknown", s.Debit, s.Credit))
            .OrderBy(b => b.Code, StringComparer.Ordinal).ToList();
    }

    private static List<StatementLine> Lines(IEnumerable<AccountBalance> balances, string type, bool creditNormal) =>
        balances.Where(b => b.Type == type)
            .Select(b => new StatementLine(b.Code, b.Name, b.Type, creditNormal ? b.Credit - b.Debit : b.Debit - b.Credit))
            .ToList();

    private sealed record AccountBalance(string Code, string Name, string Type, decimal Debit, decimal Credit);
}
