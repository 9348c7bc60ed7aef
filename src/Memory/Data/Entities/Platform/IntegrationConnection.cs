namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>
/// The founder's approval (an L3 action) for agents to act through an integration whose live
/// credentials are configured. Credentials alone never let agents move real money.
/// </summary>
public sealed class IntegrationConnection
{
    /// <summary>The integration id from the integration catalog, e.g. <c>stripe</c>.</summary>
    public required string IntegrationId { get; set; }
    /// <summary><c>connected</c> or <c>disconnected</c>.</summary>
    public required string Status { get; set; }
    /// <summary>The <c>action_id</c> of the approved action that set the status.</summary>
    public required string ActionId { get; set; }
    /// <summary>Who requested it.</summary>
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
