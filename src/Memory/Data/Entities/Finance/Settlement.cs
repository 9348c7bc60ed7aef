namespace LiveShop.Memory.Data.Entities.Finance;

/// <summary>A payout a sales channel settled to the shop, with the net amount the shop expected.</summary>
public sealed class Settlement
{
    /// <summary>Values <see cref="Status"/> may take.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["matched", "mismatch"];

    public required string Id { get; set; }
    public required string Channel { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public decimal GrossAmount { get; set; }
    public decimal Fees { get; set; }
    public decimal RefundsAmount { get; set; }
    /// <summary>What the channel actually paid out.</summary>
    public decimal NetAmount { get; set; }
    /// <summary>What the shop's own orders, fees and refunds say the payout should have been.</summary>
    public decimal ExpectedNetAmount { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary><c>matched</c> or <c>mismatch</c>.</summary>
    public required string Status { get; set; }
}
