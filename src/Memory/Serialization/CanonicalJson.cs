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
                WriteObject(writer, value);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                // Most numbers are already canonical; writing them as they are spares a parse and a string (event append hot path).
                var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
                if (IsAlreadyCanonical(raw)) writer.WriteRawValue(raw, skipInputValidation: true);
                else writer.WriteRawValue(CanonicalNumber(value.GetRawText()), skipInputValidation: true);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement value)
    {
        var count = value.GetPropertyCount();
        var names = System.Buffers.ArrayPool<string>.Shared.Rent(count);
        var values = System.Buffers.ArrayPool<JsonElement>.Shared.Rent(count);
        try
        {
            var i = 0;
            foreach (var property in value.EnumerateObject())
            {
                names[i] = property.Name;
                values[i++] = property.Value;
            }
            Array.Sort(names, values, 0, count, StringComparer.Ordinal);
            writer.WriteStartObject();
            for (i = 0; i < count; i++)
            {
                writer.WritePropertyName(names[i]);
                Write(writer, values[i]);
            }
            writer.WriteEndObject();
        }
        finally
        {
            System.Buffers.ArrayPool<string>.Shared.Return(names, clearArray: true);
            System.Buffers.ArrayPool<JsonElement>.Shared.Return(values, clearArray: true);
        }
    }

    /// <summary>
    /// True for <c>-?(0|[1-9][0-9]*)(.[0-9]*[1-9])?</c> with at most 15 significant digits and not "-0": exactly the
    /// texts <see cref="CanonicalNumber"/> returns unchanged.
    /// </summary>
    private static bool IsAlreadyCanonical(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == 0 || raw.Length > 16) return false;
        var i = raw[0] == (byte)'-' ? 1 : 0;
        if (i == raw.Length) return false;
        if (raw[i] == (byte)'0')
        {
            i++;
            if (i == raw.Length) return raw.Length == 1; // "0" yes, "-0" no
            if (raw[i] != (byte)'.') return false;
        }
        var sawDot = false;
        for (; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == (byte)'.' && !sawDot) { sawDot = true; continue; }
            if (c is < (byte)'0' or > (byte)'9') return false;
        }
        // A fraction must not end in 0 (trailing zeros are dropped) nor in the dot itself.
        return !sawDot || raw[^1] is not ((byte)'0' or (byte)'.');
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
