using System.ComponentModel;

namespace LiveShop.Plugins.Internal;

/// <summary>The product's own work products: reports, copy, analyses and recommendations (risk L0, still recorded as actions).</summary>
[Description("Reports, marketing copy drafts, analyses and recommendations produced inside the product.")]
public sealed class InternalPlugin
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Internal";
}
