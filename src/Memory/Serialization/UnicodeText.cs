using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace LiveShop.Memory.Serialization;

/// <summary>
/// Says whether text is valid Unicode: UTF-8 that decodes, UTF-16 without lone surrogates, JSON strings and property
/// names whose escapes (<c>\ud800</c>) do not spell half a character. Hashes, signatures and PostgreSQL only ever see such
/// text, so whatever enters from outside is checked with these before it is kept.
/// </summary>
public static class UnicodeText
{
    /// <summary>True when <paramref name="text"/> has no lone (unpaired) surrogate.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0)
        {
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
            i += 2;
            var next = text[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + next;
        }
        return true;
    }

    /// <summary>True when <paramref name="utf8"/> is well-formed UTF-8.</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> utf8) => Utf8.IsValid(utf8);

    /// <summary>True when a JSON string value decodes to valid Unicode (its raw bytes are UTF-8 and no escape leaves a lone surrogate).</summary>
    public static bool IsValidString(JsonElement value) =>
        IsValidJsonText(JsonMarshal.GetRawUtf8Value(value), value.ValueKind == JsonValueKind.String ? value.GetString : null);

    /// <summary>True when a JSON property's name decodes to valid Unicode.</summary>
    public static bool IsValidName(JsonProperty property) =>
        IsValidJsonText(JsonMarshal.GetRawUtf8PropertyName(property), () => property.Name);

    /// <summary>
    /// The path (<c>data.lines[0].note</c>, <c>source</c>) of the first string or property name in <paramref name="value"/>
    /// that is not valid Unicode, or null when all of it is. <paramref name="path"/> names the value itself.
    /// </summary>
    public static string? FindInvalid(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return IsValidString(value) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (!IsValidName(property)) return path;
                    if (FindInvalid(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    if (FindInvalid(item, $"{path}[{index++}]") is { } inner) return inner;
                return null;
            default:
                return null;
        }
    }

    // Raw bytes without a backslash are the text itself; with escapes the decoded string tells (a lone surrogate escape
    // decodes to a lone surrogate, or the decoder refuses it).
    private static bool IsValidJsonText(ReadOnlySpan<byte> raw, Func<string?>? decode)
    {
        if (!Utf8.IsValid(raw)) return false;
        if (decode is null || raw.IndexOf((byte)'\\') < 0) return true;
        try
        {
            return IsValid(decode());
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
