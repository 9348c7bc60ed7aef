namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>One step of a task's audit log: which tool did what, when, with what result.</summary>
public sealed record TaskAuditEntry
{
    public DateTimeOffset Timestamp { get; set; }
    public required string Tool { get; set; }
    public required string Action { get; set; }
    public required string Result { get; set; }
}
