using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiveShop.Memory.Serialization;

/// <summary>
/// One canonical text for a JSON value, so hashes and signatures do not depend on how a value was written:
/// object keys sorted (ordinal), no insignificant white space, numbers in their shortest decimal form
/// (1.50, 1.5e0 and 1.5 are the same number), strings escaped the same way every time.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>The canonical UTF-8 bytes of a JSON value.</summary>
    public static byte[] ToUtf8Bytes(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The canonical text of a JSON value.</summary>
    public static string ToString(JsonElement value) => System.Text.Encoding.UTF8.GetString(ToUtf8Bytes(value));

    /// <summary>The canonical text of any serialisable value (serialised with <see cref="JsonDefaults.Options"/>).</summary>
    public static string Serialize<T>(T value) => ToString(JsonSerializer.SerializeToElement(value, JsonDefaults.Options));

    /// <summary>Writes a JSON value canonically into a writer (for composing larger canonical documents).</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(value.GetRawText()), skipInputValidation: true);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>Shortest decimal text of a JSON number: no exponent, no trailing zeros, "-0" is "0".</summary>
    public static string CanonicalNumber(string rawNumber)
    {
        if (decimal.TryParse(rawNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Dividing by 1.000… drops trailing zeros from a decimal's scale.
            var normalized = number / 1.0000000000000000000000000000m;
            return normalized == 0 ? "0" : normalized.ToString(CultureInfo.InvariantCulture);
        }
        return double.Parse(rawNumber, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }
}
