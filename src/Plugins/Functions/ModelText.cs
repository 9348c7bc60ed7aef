using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Plugins.Functions;

/// <summary>Shared wording and formatting of the plugin functions the model calls.</summary>
public static class ModelText
{
    /// <summary>Compact snake_case JSON for a read-only function's answer.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, JsonDefaults.Options);
}
