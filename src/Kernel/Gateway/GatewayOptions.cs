namespace LiveShop.Kernel.Gateway;

/// <summary>Timing of the tool gateway (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Gateway";

    /// <summary>How long an execution may stay in progress before the next submit of its idempotency key re-claims it (positive).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an action waits for another action on the same limited entity before it is answered "submit it again" (positive).</summary>
    public TimeSpan LimitLockWait { get; set; } = TimeSpan.FromSeconds(30);
}
