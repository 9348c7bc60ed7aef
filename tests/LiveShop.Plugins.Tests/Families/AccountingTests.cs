using System.Text.Json;
using LiveShop.Plugins.Accounting;
using LiveShop.Plugins.Sandbox.Simulation;

namespace LiveShop.Plugins.Tests.Families;

public sealed class AccountingTests(SeededBusiness business) : IClassFixture<SeededBusiness>
{
    private AccountingPlugin Plugin() => new(new SandboxLedger(business.Contexts, "xero"), business.Clock);

    private decimal WorldMovement(string type, DateTimeOffset from, DateTimeOffset to)
    {
        var types = SandboxCatalogue.Accounts.ToDictionary(a => a.Code, a => a.Type);
        var lines = business.World.JournalEntries.Where(e => e.OccurredAt >= from && e.OccurredAt < to).SelectMany(e => e.Lines)
            .Where(l => types[l.AccountCode] == type);
        return type is "revenue" or "liability" or "equity" ? lines.Sum(l => l.Credit - l.Debit) : lines.Sum(l => l.Debit - l.Credit);
    }

    [Fact]
    public async Task Profit_and_loss_matches_the_simulated_journal_over_the_period()
    {
        var json = JsonDocument.Parse(await Plugin().GetProfitAndLossAsync(days: 14)).RootElement;

        var from = SeededBusiness.Now.AddDays(-14);
        var revenue = WorldMovement("revenue", from, SeededBusiness.Now);
        var expenses = WorldMovement("expense", from, SeededBusiness.Now);
        Assert.Equal(revenue, json.GetProperty("net_revenue").GetDecimal());
        Assert.Equal(revenue - expenses, json.GetProperty("net_profit").GetDecimal());
        var cogs = business.World.JournalEntries.Where(e => e.OccurredAt >= from && e.OccurredAt < SeededBusiness.Now)
            .SelectMany(e => e.Lines).Where(l => l.AccountCode == "5000").Sum(l => l.Debit - l.Credit);
        Assert.True(cogs > 0);
        Assert.Equal(cogs, json.GetProperty("cost_of_goods").GetDecimal());
        Assert.Equal(revenue - cogs, json.GetProperty("gross_profit").GetDecimal());
        // Refunds reduce revenue: account 4900 shows as a negative revenue line.
        var refunds = json.GetProperty("revenue").EnumerateArray().Single(l => l.GetProperty("account_code").GetString() == "4900");
        Assert.True(refunds.GetProperty("amount").GetDecimal() < 0);
    }

    [Fact]
    public async Task The_balance_sheet_balances_and_its_assets_match_the_simulated_books()
    {
        var json = JsonDocument.Parse(await Plugin().GetBalanceSheetAsync()).RootElement;

        Assert.True(json.GetProperty("balances").GetBoolean());
        Assert.Equal(0m, json.GetProperty("trial_balance_difference").GetDecimal());
        var assets = WorldMovement("asset", DateTimeOffset.MinValue, SeededBusiness.Now.AddTicks(1));
        Assert.Equal(assets, json.GetProperty("total_assets").GetDecimal());
        Assert.Equal(assets, json.GetProperty("total_liabilities_and_equity").GetDecimal());
        var retained = WorldMovement("revenue", DateTimeOffset.MinValue, SeededBusiness.Now.AddTicks(1))
                       - WorldMovement("expense", DateTimeOffset.MinValue, SeededBusiness.Now.AddTicks(1));
        Assert.Equal(retained, json.GetProperty("retained_earnings").GetDecimal());
    }

    [Fact]
    public async Task A_balance_sheet_at_an_earlier_date_leaves_out_later_entries()
    {
        var date = SeededBusiness.Anchor.AddDays(-20);
        var json = JsonDocument.Parse(await Plugin().GetBalanceSheetAsync(date.ToString("yyyy-MM-dd"))).RootElement;

        var end = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal(WorldMovement("asset", DateTimeOffset.MinValue, end), json.GetProperty("total_assets").GetDecimal());
        Assert.True(json.GetProperty("balances").GetBoolean());
    }

    [Fact]
    public async Task Unreconciled_settlements_are_exactly_the_simulated_mismatches_and_clearing_is_what_platforms_still_owe()
    {
        var json = JsonDocument.Parse(await Plugin().GetUnreconciledSettlementsAsync()).RootElement;

        var mismatches = business.World.Settlements.Where(s => s.Status == "mismatch").OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id).ToList();
        Assert.NotEmpty(mismatches);
        Assert.Equal(mismatches.Select(s => s.Id), json.GetProperty("settlements").EnumerateArray().Select(s => s.GetProperty("settlement_id").GetString()));
        Assert.Equal(mismatches.Sum(s => s.NetAmount - s.ExpectedNetAmount), json.GetProperty("total_difference").GetDecimal());
        var clearing = business.World.JournalEntries.SelectMany(e => e.Lines).Where(l => l.AccountCode == "1100").Sum(l => l.Debit - l.Credit);
        Assert.Equal(clearing, json.GetProperty("awaiting_settlement").GetDecimal());
    }
}
