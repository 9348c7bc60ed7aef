using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Verification.Commands;

/// <summary>Writes command results as one JSON object per line.</summary>
internal static class CommandOutput
{
    public static void Json<T>(TextWriter writer, T value)
    {
        writer.WriteLine(JsonSerializer.Serialize(value, JsonDefaults.Options));
        writer.Flush();
    }

    public static int Error(TextWriter stderr, int exitCode, string message)
    {
        Json(stderr, new { error = message });
        return exitCode;
    }
}
