namespace LiveShop.Kernel.Approvals;

/// <summary>Settings of the approval gate (configuration section <c>Approvals</c>).</summary>
public sealed record ApprovalOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Approvals";

    /// <summary>How long a request stays open; an expired approval never executes.</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromHours(24);
}
