using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LiveShop.Memory.Serialization;

/// <summary>Where a JSON document holds text that is not valid Unicode, and what is wrong with it.</summary>
/// <param name="Path">The JSON path of the offending name or value (<c>$</c> for the document, <c>message</c>, <c>parameters.reason</c>, <c>items[2]</c>).</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record InvalidJsonText(string Path, string Message);

/// <summary>
/// Checks raw JSON bytes once, before anything reads them: every property name and string value must be valid UTF-8
/// and, once its escapes are decoded, valid UTF-16 (a lone <c>\ud800</c> escape is well-formed JSON but not text).
/// Malformed JSON is left to the reader of the document, which names its own error.
/// </summary>
public static class JsonTextValidator
{
    /// <summary>The first offending name or value, or null when all text in the document is valid (or the JSON is malformed).</summary>
    public static InvalidJsonText? FindInvalidText(ReadOnlySpan<byte> json)
    {
        if (!UnicodeText.IsValidUtf8(json) && !HasJsonShape(json))
            return new InvalidJsonText("$", "the body is not valid UTF-8 text");
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<Segment>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        MarkValue(path);
                        path.Add(reader.TokenType == JsonTokenType.StartArray ? Segment.Array() : Segment.Object());
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Decode(ref reader, out var nameProblem);
                        path[^1] = path[^1] with { Name = name ?? "?" };
                        if (nameProblem is not null) return new InvalidJsonText(PathOf(path), "property name " + nameProblem);
                        break;
                    case JsonTokenType.String:
                        MarkValue(path);
                        Decode(ref reader, out var valueProblem);
                        if (valueProblem is not null) return new InvalidJsonText(PathOf(path), valueProblem);
                        break;
                    default:
                        MarkValue(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the document's own reader reports it with its position.
        }
        return UnicodeText.IsValidUtf8(json) ? null : new InvalidJsonText(PathOf(path), "the body is not valid UTF-8 text");
    }

    // Invalid bytes outside any string (e.g. between tokens) make the JSON malformed, which its reader reports; the
    // walk above names the string they sit in when they are inside one.
    private static bool HasJsonShape(ReadOnlySpan<byte> json) => json.TrimStart(" \t\r\n"u8) is [(byte)'{' or (byte)'[', ..];

    private static string? Decode(ref Utf8JsonReader reader, out string? problem)
    {
        problem = null;
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (!UnicodeText.IsValidUtf8(raw))
        {
            problem = "is not valid UTF-8 text";
            return null;
        }
        if (!reader.ValueIsEscaped) return Encoding.UTF8.GetString(raw);
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            problem = "holds an unpaired surrogate escape (e.g. \\ud800); it is not valid Unicode text";
            return null;
        }
        if (!UnicodeText.IsValid(text))
        {
            problem = "holds an unpaired surrogate escape (e.g. \\ud800); it is not valid Unicode text";
            return null;
        }
        return text;
    }

    private static void MarkValue(List<Segment> path)
    {
        if (path.Count > 0 && path[^1].IsArray) path[^1] = path[^1] with { Index = path[^1].Index + 1 };
    }

    private static string PathOf(List<Segment> path)
    {
        if (path.Count == 0) return "$";
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.IsArray)
            {
                if (segment.Index >= 0) text.Append('[').Append(segment.Index).Append(']');
            }
            else if (segment.Name is not null)
            {
                if (text.Length > 0) text.Append('.');
                text.Append(segment.Name);
            }
        }
        return text.Length == 0 ? "$" : text.ToString();
    }

    private readonly record struct Segment(bool IsArray, string? Name, int Index)
    {
        public static Segment Array() => new(true, null, -1);
        public static Segment Object() => new(false, null, -1);
    }
}
