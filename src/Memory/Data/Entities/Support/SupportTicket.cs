namespace LiveShop.Memory.Data.Entities.Support;

/// <summary>A customer support ticket, with the times that measure response and resolution.</summary>
public sealed class SupportTicket
{
    public required string Id { get; set; }
    public required string CustomerId { get; set; }
    public string? OrderId { get; set; }
    public required string Channel { get; set; }
    /// <summary>The source's id for the ticket (an email Message-Id, a help-desk ticket id); fetching twice never duplicates it.</summary>
    public string? ExternalId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public required string Status { get; set; }
    public required string Priority { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
