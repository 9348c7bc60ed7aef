using System.Text.Json;
using LiveShop.Chat.Api;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Messaging;

/// <summary>
/// Checks a signed Slack or Teams body before anything reads it: valid Unicode text, well-formed JSON, and every field
/// the handlers read present with the right type. A failed check names each offending field (a 400 problem), so a body
/// that passed the signature check but is malformed is refused cleanly instead of failing half-way through.
/// </summary>
public sealed class InboundBodyShape
{
    private readonly List<Problems.FieldError> _errors = [];
    private readonly string _prefix;

    private InboundBodyShape(JsonElement root, string prefix)
    {
        Root = root;
        _prefix = prefix;
    }

    /// <summary>The parsed document's root (a clone, independent of the bytes).</summary>
    public JsonElement Root { get; }

    /// <summary>Every offending field so far.</summary>
    public IReadOnlyList<Problems.FieldError> Errors => _errors;

    /// <summary>
    /// Parses <paramref name="json"/> (UTF-8) after checking its text; null with <paramref name="errors"/> set when the
    /// text is invalid, the JSON malformed or the root not an object. <paramref name="prefix"/> prefixes field names
    /// (<c>payload.</c> for a JSON value inside a form).
    /// </summary>
    public static InboundBodyShape? Parse(ReadOnlySpan<byte> json, string prefix, out IReadOnlyList<Problems.FieldError> errors)
    {
        var root = prefix.Length == 0 ? "$" : prefix.TrimEnd('.');
        if (JsonTextValidator.FindInvalidText(json) is { } invalid)
        {
            errors = [new(invalid.Path == "$" ? root : prefix + invalid.Path, invalid.Message)];
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                errors = [];
                return new InboundBodyShape(document.RootElement.Clone(), prefix);
            }
            errors = [new(root, "must be a JSON object")];
        }
        catch (JsonException e)
        {
            errors = [new(root, "is not well-formed JSON: " + e.Message)];
        }
        return null;
    }

    /// <summary>Requires (or, with <paramref name="required"/> false, allows) a string at the dotted <paramref name="path"/>.</summary>
    public InboundBodyShape Text(string path, bool required = true) => Expect(path, JsonValueKind.String, "text", required);

    /// <summary>Requires (or allows) a JSON object at <paramref name="path"/>.</summary>
    public InboundBodyShape Object(string path, bool required = true) => Expect(path, JsonValueKind.Object, "a JSON object", required);

    /// <summary>Requires (or allows) a non-empty JSON array at <paramref name="path"/>.</summary>
    public InboundBodyShape NonEmptyArray(string path, bool required = true)
    {
        Expect(path, JsonValueKind.Array, "a non-empty array", required);
        if (Find(path) is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() == 0)
            _errors.Add(new(_prefix + path, "must be a non-empty array"));
        return this;
    }

    /// <summary>The string at <paramref name="path"/>, or null when absent or not a string.</summary>
    public string? TextAt(string path) => Find(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>Whether <paramref name="path"/> is present (and not null).</summary>
    public bool Has(string path) => Find(path) is { ValueKind: not JsonValueKind.Null };

    private InboundBodyShape Expect(string path, JsonValueKind kind, string description, bool required)
    {
        var value = Find(path);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            if (required) _errors.Add(new(_prefix + path, "is required"));
        }
        else if (value.Value.ValueKind != kind)
        {
            _errors.Add(new(_prefix + path, $"must be {description}"));
        }
        return this;
    }

    // Dotted paths with optional [n] indexes: "event.text", "actions[0].action_id". Null when any step is missing.
    private JsonElement? Find(string path)
    {
        var current = Root;
        foreach (var step in path.Split('.'))
        {
            var bracket = step.IndexOf('[');
            var name = bracket < 0 ? step : step[..bracket];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            if (bracket < 0) continue;
            var index = int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (current.ValueKind != JsonValueKind.Array || current.GetArrayLength() <= index) return null;
            current = current[index];
        }
        return current;
    }

    /// <summary>The 400 answer for a malformed signed body of <paramref name="platform"/>.</summary>
    public static IResult Malformed(string platform, IReadOnlyList<Problems.FieldError> errors) =>
        Problems.BadRequest($"Malformed {platform} request; nothing was done.", $"{errors[0].Field}: {errors[0].Message}", errors);
}
