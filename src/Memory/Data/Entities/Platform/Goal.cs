namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>A goal a person gave the agents, which tasks work towards.</summary>
public sealed class Goal
{
    public Guid Id { get; set; }
    public required string Text { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Status { get; set; }
}
