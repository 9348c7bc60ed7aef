namespace LiveShop.Memory.Data.Entities.Creators;

/// <summary>A commission a creator earned on one order, later settled by a payout.</summary>
public sealed class CreatorCommission
{
    public long Id { get; set; }
    public required string CreatorId { get; set; }
    public required string OrderId { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset EarnedAt { get; set; }
    /// <summary>The payout that settled this commission; null while unpaid.</summary>
    public string? CreatorPayoutId { get; set; }
}
