using System.ComponentModel;

namespace LiveShop.Plugins.Platform;

/// <summary>Changes to how the product itself is governed: the business policy and who may do what (L3, the founder approves).</summary>
[Description("Changes to the business policy and to people's access; the founder approves every one.")]
public sealed class PlatformPlugin
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Platform";
}
