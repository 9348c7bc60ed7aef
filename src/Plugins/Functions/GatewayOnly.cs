using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Plugins.Functions;

/// <summary>Shared wording and formatting of the plugin functions the model calls.</summary>
public static class ModelText
{
    /// <summary>
    /// What a world-changing function's own body returns. The proof filter never lets the body run — the tool gateway
    /// executes the action through a connector — so seeing this text means a kernel without the filter was used.
    /// </summary>
    public const string GatewayOnly =
        "not executed: this action runs only through the proof filter and the tool gateway, and this kernel has no proof filter";

    /// <summary>Description of the optional <c>justification</c> argument every world-changing function takes.</summary>
    public const string JustificationDescription =
        "Why you propose this, with the figures you relied on. Recorded as evidence for the approver; the verifier checks the facts itself.";

    /// <summary>Compact snake_case JSON for a read-only function's answer.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, JsonDefaults.Options);
}
