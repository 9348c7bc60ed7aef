namespace LiveShop.Memory.Data.Entities.Finance;

/// <summary>One side of a journal entry on one account: a debit or a credit, never both.</summary>
public sealed class LedgerLine
{
    public long Id { get; set; }
    public Guid JournalEntryId { get; set; }
    public required string AccountCode { get; set; }
    public decimal Debit { get; set; }
    public decimal Credit { get; set; }
}
