using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Plugins.Functions;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Accounting;

/// <summary>The books: profit and loss, the balance sheet and settlements that did not reconcile.</summary>
[Description("Accounting statements from the books: profit and loss, balance sheet, unreconciled settlements.")]
public sealed class AccountingPlugin(IAccountingLedger ledger, TimeProvider time)
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Accounting";

    /// <summary>Profit and loss over a trailing period.</summary>
    [KernelFunction("get_profit_and_loss"), ReadOnlyFunction]
    [PlannerHints(
        ["what is our profit this month", "show the profit and loss statement", "net profit over the last 30 days"],
        ["profit and loss", "p&l", "p and l", "net profit", "gross profit", "profit", "income statement", "gross margin"])]
    [Description("Profit and loss statement (P&L) from the books: revenue net of refunds, cost of goods, gross profit, expenses by account and net profit over a period.")]
    public async Task<string> GetProfitAndLossAsync(
        [Description("How many days back to look, ending now (default 30).")] int days = 30,
        [Description("Start date of the period (ISO, e.g. 2026-11-01); overrides days when given.")] string? from = null,
        CancellationToken cancellationToken = default)
    {
        var to = time.GetUtcNow();
        var start = IsoDate(from) is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : to.AddDays(-Math.Clamp(days, 1, 3660));
        var pnl = await ledger.GetProfitAndLossAsync(start, to, cancellationToken);
        var revenue = pnl.NetRevenue;
        return ModelText.Json(new
        {
            from = pnl.From, to = pnl.To,
            revenue = pnl.Revenue.Select(Line),
            net_revenue = revenue,
            cost_of_goods = pnl.CostOfGoods,
            gross_profit = pnl.GrossProfit,
            gross_margin_pct = revenue == 0 ? (decimal?)null : Math.Round(100m * pnl.GrossProfit / revenue, 1),
            expenses = pnl.Expenses.Select(Line),
            net_profit = pnl.NetProfit,
            net_margin_pct = revenue == 0 ? (decimal?)null : Math.Round(100m * pnl.NetProfit / revenue, 1),
        });
    }

    /// <summary>The balance sheet at a date.</summary>
    [KernelFunction("get_balance_sheet"), ReadOnlyFunction]
    [PlannerHints(
        ["show the balance sheet", "what are our assets and liabilities", "do the books balance"],
        ["balance sheet", "assets", "liabilities", "equity", "books balance", "ledger balance"])]
    [Description("Balance sheet from the books: assets, liabilities and equity (with retained earnings) as of a date, and whether the ledger balances.")]
    public async Task<string> GetBalanceSheetAsync(
        [Description("The date to report at, end of that day (ISO, e.g. 2026-11-30); leave empty for now.")] string? as_of = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var at = IsoDate(as_of) is { } date ? new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1) : now;
        var sheet = await ledger.GetBalanceSheetAsync(at < now ? at : now, cancellationToken);
        return ModelText.Json(new
        {
            as_of = sheet.AsOf,
            assets = sheet.Assets.Select(Line),
            total_assets = sheet.TotalAssets,
            liabilities = sheet.Liabilities.Select(Line),
            equity = sheet.Equity.Select(Line),
            retained_earnings = sheet.RetainedEarnings,
            total_liabilities_and_equity = sheet.TotalLiabilitiesAndEquity,
            balances = sheet.Balances,
            trial_balance_difference = sheet.TrialBalanceDifference,
        });
    }

    /// <summary>Settlements that did not reconcile, and what the platforms still owe.</summary>
    [KernelFunction("get_unreconciled_settlements"), ReadOnlyFunction]
    [PlannerHints(
        ["did the weekly channel payouts match", "which weekly payouts came in short", "sales still waiting to be settled"],
        ["settlement", "reconcil", "mismatch", "still owe us"])]
    [Description("Lists weekly sales-channel settlements whose received amount differs from the expected amount, with the difference, and the sales still waiting to be settled.")]
    public async Task<string> GetUnreconciledSettlementsAsync(CancellationToken cancellationToken = default)
    {
        var (settlements, awaiting) = await ledger.GetUnreconciledSettlementsAsync(time.GetUtcNow(), cancellationToken);
        return ModelText.Json(new
        {
            unreconciled = settlements.Count,
            total_difference = settlements.Sum(s => s.Difference),
            awaiting_settlement = awaiting,
            settlements = settlements.Select(s => new
            {
                settlement_id = s.SettlementId, channel = s.Channel, period_start = s.PeriodStart, period_end = s.PeriodEnd,
                expected_net_amount = s.ExpectedNetAmount, net_amount = s.NetAmount, difference = s.Difference, received_at = s.ReceivedAt,
            }),
        });
    }

    // Arguments arrive as text from a model; a date that does not parse is treated as not given.
    private static DateOnly? IsoDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date : null;

    private static object Line(StatementLine line) => new { account_code = line.AccountCode, name = line.Name, amount = line.Amount };
}
