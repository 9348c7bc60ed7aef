using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Plugins.Accounting;
using LiveShop.Plugins.Tests.Functions;
using LiveShop.Testing;

namespace LiveShop.Plugins.Tests.Families;

public sealed class UnbalancedLedgerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_journal_entry_that_does_not_balance_shows_in_the_balance_sheet()
    {
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var db = database.CreateContext())
        {
            db.LedgerAccounts.AddRange(new LedgerAccount { Code = "1000", Name = "Cash", Type = "asset" }, new LedgerAccount { Code = "3000", Name = "Equity", Type = "equity" });
            var id = Guid.NewGuid();
            db.JournalEntries.Add(new JournalEntry
            {
                Id = id, OccurredAt = at, Description = "typo", SourceType = "test", SourceId = "typo",
                Lines = [new LedgerLine { JournalEntryId = id, AccountCode = "1000", Debit = 100m }, new LedgerLine { JournalEntryId = id, AccountCode = "3000", Credit = 90m }],
            });
            await db.SaveChangesAsync();
        }

        var sheet = await new SandboxLedger(new TestContextFactory(database), "quickbooks").GetBalanceSheetAsync(at.AddDays(1), default);

        Assert.False(sheet.Balances);
        Assert.Equal(10m, sheet.TrialBalanceDifference);
        Assert.Equal(100m, sheet.TotalAssets);
        Assert.Equal(90m, sheet.TotalLiabilitiesAndEquity);
    }
}
