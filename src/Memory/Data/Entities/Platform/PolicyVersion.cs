namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>
/// A business policy adopted from inside the product through the L3 policy-change action. The newest row is in
/// force; with no rows the policy file (or the embedded default) is.
/// </summary>
public sealed class PolicyVersion
{
    /// <summary>SHA-256 of the policy's canonical content, as every proof names it.</summary>
    public required string Version { get; set; }
    /// <summary>The whole policy document as YAML.</summary>
    public required string Yaml { get; set; }
    /// <summary>The version it replaced.</summary>
    public required string PreviousVersion { get; set; }
    /// <summary>The <c>action_id</c> of the approved change that adopted it.</summary>
    public required string ActionId { get; set; }
    /// <summary>Who requested the change.</summary>
    public required string AdoptedBy { get; set; }
    public DateTimeOffset AdoptedAt { get; set; }
}
