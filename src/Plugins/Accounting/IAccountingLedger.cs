using LiveShop.Kernel.Actions.Definitions;
namespace LiveShop.Plugins.Accounting;

/// <summary>One account's movement or balance in a statement.</summary>
public sealed record StatementLine(string AccountCode, string Name, string Type, decimal Amount);

/// <summary>Profit and loss over a period: revenue (net of refunds), cost of goods, expenses and net profit.</summary>
public sealed record ProfitAndLoss
{
    /// <summary>Start of the period (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the period (exclusive).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Revenue accounts, credit minus debit (refunds and returns are negative).</summary>
    public required IReadOnlyList<StatementLine> Revenue { get; init; }

    /// <summary>Expense accounts, debit minus credit.</summary>
    public required IReadOnlyList<StatementLine> Expenses { get; init; }

    /// <summary>Total revenue net of refunds.</summary>
    public decimal NetRevenue => Revenue.Sum(l => l.Amount);

    /// <summary>Cost of goods sold (account 5000).</summary>
    public decimal CostOfGoods => Expenses.Where(l => l.AccountCode == SandboxLedger.CostOfGoodsAccount).Sum(l => l.Amount);

    /// <summary>Net revenue less cost of goods.</summary>
    public decimal GrossProfit => NetRevenue - CostOfGoods;

    /// <summary>Net revenue less every expense.</summary>
    public decimal NetProfit => NetRevenue - Expenses.Sum(l => l.Amount);
}

/// <summary>The balance sheet at an instant; assets equal liabilities plus equity plus retained earnings when the books balance.</summary>
public sealed record BalanceSheet
{
    /// <summary>The instant (inclusive).</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Asset balances, debit minus credit.</summary>
    public required IReadOnlyList<StatementLine> Assets { get; init; }

    /// <summary>Liability balances, credit minus debit.</summary>
    public required IReadOnlyList<StatementLine> Liabilities { get; init; }

    /// <summary>Equity balances, credit minus debit.</summary>
    public required IReadOnlyList<StatementLine> Equity { get; init; }

    /// <summary>Profit earned to date and not yet closed into equity.</summary>
    public required decimal RetainedEarnings { get; init; }

    /// <summary>Sum of every debit minus every credit up to <see cref="AsOf"/>: zero when every entry balanced.</summary>
    public required decimal TrialBalanceDifference { get; init; }

    /// <summary>Total assets.</summary>
    public decimal TotalAssets => Assets.Sum(l => l.Amount);

    /// <summary>Liabilities, equity and retained earnings together.</summary>
    public decimal TotalLiabilitiesAndEquity => Liabilities.Sum(l => l.Amount) + Equity.Sum(l => l.Amount) + RetainedEarnings;

    /// <summary>Whether assets equal liabilities plus equity (and debits equal credits).</summary>
    public bool Balances => TotalAssets == TotalLiabilitiesAndEquity && TrialBalanceDifference == 0;
}

/// <summary>A platform settlement whose received amount differs from what the orders and fees say it should be.</summary>
public sealed record UnreconciledSettlement(string SettlementId, string Channel, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    decimal ExpectedNetAmount, decimal NetAmount, DateTimeOffset ReceivedAt)
{
    /// <summary>Received less expected: negative when the platform paid too little.</summary>
    public decimal Difference => NetAmount - ExpectedNetAmount;
}

/// <summary>
/// What an accounting provider (Xero, QuickBooks Online) must offer the agents: statements from its ledger and the
/// settlements that did not reconcile. Accounting carries out no contract action itself; it books the journals of
/// <see cref="RecordedActions"/> that the payment and commerce connectors carry out.
/// </summary>
public interface IAccountingLedger
{
    /// <summary>The contract actions whose money movements land in the books.</summary>
    static IReadOnlyList<string> RecordedActions { get; } = ActionCatalog.ClaimableBy(IntegrationFamily.Accounting);

    /// <summary>The integration id it answers for (<c>xero</c>, <c>quickbooks</c>).</summary>
    string IntegrationId { get; }

    /// <summary>Profit and loss between <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive).</summary>
    Task<ProfitAndLoss> GetProfitAndLossAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The balance sheet at <paramref name="asOf"/>.</summary>
    Task<BalanceSheet> GetBalanceSheetAsync(DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>Settlements received up to <paramref name="asOf"/> that did not match, and what still waits in platform clearing.</summary>
    Task<(IReadOnlyList<UnreconciledSettlement> Settlements, decimal AwaitingSettlement)> GetUnreconciledSettlementsAsync(DateTimeOffset asOf, CancellationToken cancellationToken);
}
