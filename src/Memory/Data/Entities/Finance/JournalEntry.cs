namespace LiveShop.Memory.Data.Entities.Finance;

/// <summary>A double-entry journal entry: lines whose debits and credits must balance.</summary>
public sealed class JournalEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Description { get; set; }
    /// <summary>Kind of business record that caused the entry, e.g. <c>order</c>, <c>refund</c>, <c>settlement</c>.</summary>
    public required string SourceType { get; set; }
    /// <summary>Id of that record, e.g. <c>o_1042</c>.</summary>
    public required string SourceId { get; set; }
    public List<LedgerLine> Lines { get; set; } = [];

    /// <summary>Whether the entry has lines and its debits equal its credits.</summary>
    public bool IsBalanced => Lines.Count > 0 && Lines.Sum(l => l.Debit) == Lines.Sum(l => l.Credit);
}
