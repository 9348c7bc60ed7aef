namespace LiveShop.Memory.Data.Entities.Advertising;

/// <summary>One change of an ad set's daily budget, kept as history for the budget rules.</summary>
public sealed class AdSetBudgetChange
{
    public long Id { get; set; }
    public required string AdSetId { get; set; }
    public decimal FromBudget { get; set; }
    public decimal ToBudget { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>Who changed it: a user, or <c>agent:NAME</c>.</summary>
    public required string ChangedBy { get; set; }
}
