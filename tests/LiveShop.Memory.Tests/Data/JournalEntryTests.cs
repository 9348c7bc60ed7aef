using LiveShop.Memory.Data.Entities.Finance;

namespace LiveShop.Memory.Tests.Data;

public sealed class JournalEntryTests
{
    [Fact]
    public void Entry_whose_debits_equal_its_credits_is_balanced()
    {
        var entry = Entry((1100m, 0m), (0m, 1000m), (0m, 100m));
        Assert.True(entry.IsBalanced);
    }

    [Fact]
    public void Entry_off_by_one_cent_is_not_balanced()
    {
        var entry = Entry((100.00m, 0m), (0m, 99.99m));
        Assert.False(entry.IsBalanced);
    }

    [Fact]
    public void Entry_without_lines_is_not_balanced()
    {
        Assert.False(Entry().IsBalanced);
    }

    private static JournalEntry Entry(params (decimal Debit, decimal Credit)[] sides) => new()
    {
        Id = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UnixEpoch,
        Description = "test entry",
        SourceType = "order",
        SourceId = "o_1",
        Lines = sides.Select((s, i) => new LedgerLine { AccountCode = $"{1000 + i}", Debit = s.Debit, Credit = s.Credit }).ToList(),
    };
}
