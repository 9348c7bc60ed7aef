namespace LiveShop.Memory.Data.Entities.Creators;

/// <summary>A payout of a creator's earned commissions up to a period end.</summary>
public sealed class CreatorPayout
{
    public required string Id { get; set; }
    public required string CreatorId { get; set; }
    public decimal Amount { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
}
