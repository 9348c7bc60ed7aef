using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Functions;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Payments;

/// <summary>Cash: the runway, and the supplier and creator payments a persona may propose.</summary>
[Description("Cash position and runway, supplier payments and creator payouts.")]
public sealed class PaymentsPlugin(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time)
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Payments";

    /// <summary>The ledger account that holds the cash at bank (chart of accounts of the books).</summary>
    public const string CashAccountCode = "1000";

    /// <summary>How many trailing days the average daily burn is measured over.</summary>
    public const int BurnWindowDays = 30;

    /// <summary>Cash at bank, average daily net burn and the runway they give.</summary>
    [KernelFunction("get_cash_runway"), ReadOnlyFunction]
    [Description("Shows cash at bank, the average daily net cash burn over the last 30 days and the cash runway in days.")]
    public async Task<string> GetCashRunwayAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var from = now.AddDays(-BurnWindowDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cashLines = db.JournalEntries.AsNoTracking()
            .Where(e => e.OccurredAt <= now)
            .SelectMany(e => e.Lines.Select(l => new { e.OccurredAt, l.AccountCode, l.Debit, l.Credit }))
            .Where(l => l.AccountCode == CashAccountCode);
        var balance = await cashLines.SumAsync(l => (decimal?)(l.Debit - l.Credit), cancellationToken) ?? 0m;
        var outflow = await cashLines.Where(l => l.OccurredAt > from).SumAsync(l => (decimal?)(l.Credit - l.Debit), cancellationToken) ?? 0m;
        var burn = Math.Round(outflow / BurnWindowDays, 2);
        return ModelText.Json(new
        {
            cash_balance = balance,
            avg_daily_net_burn = burn,
            runway_days = burn <= 0 ? (decimal?)null : Math.Round(balance / burn, 1),
            runway = burn <= 0 ? "unbounded: cash is not shrinking" : $"{Math.Round(balance / burn, 1)} days",
        });
    }

    /// <summary>Proposes paying a supplier; only the tool gateway carries it out.</summary>
    [KernelFunction("pay_supplier"), WorldAction("pay_supplier")]
    [Description("Pays a supplier. Always waits for a human approval.")]
    public string PaySupplier(
        [Description("The supplier id, e.g. s_1.")] string supplier_id,
        [Description("The amount to pay in the store currency.")] decimal amount,
        [Description(ModelText.JustificationDescription)] string? justification = null) => ModelText.GatewayOnly;

    /// <summary>Proposes paying a creator; only the tool gateway carries it out.</summary>
    [KernelFunction("pay_creator"), WorldAction("pay_creator")]
    [Description("Pays out a creator's commission. Always waits for the founder's approval.")]
    public string PayCreator(
        [Description("The creator id, e.g. cr_1.")] string creator_id,
        [Description("The amount to pay in the store currency.")] decimal amount,
        [Description(ModelText.JustificationDescription)] string? justification = null) => ModelText.GatewayOnly;
}
