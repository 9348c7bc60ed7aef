using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveShop.Memory.Serialization;

namespace LiveShop.Memory.Events;

/// <summary>
/// Checks business events against <see cref="EventCatalogue"/>: the envelope (event_id uuid, known type, ISO-8601
/// occurred_at, source, data object) and the data's required fields and JSON types. Every error names its field path.
/// </summary>
public static partial class EventValidator
{
    /// <summary>
    /// Reads an ingest request body (one event object or an array of them) into business events. When any element is
    /// invalid the result holds every error found and no events: a request is accepted whole or not at all. Platform
    /// event types and derived (version-8) event ids are refused: only the platform writes those.
    /// </summary>
    public static EventParseResult Parse(JsonElement body)
    {
        // One clone of the body keeps every event's data alive after the caller's document is disposed.
        body = body.Clone();
        var errors = new List<EventValidationError>();
        var events = new List<NewEvent>();
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                if (ParseEnvelope(body, "", errors) is { } single) events.Add(single);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var element in body.EnumerateArray())
                {
                    var prefix = $"[{index++}]";
                    if (element.ValueKind != JsonValueKind.Object)
                        errors.Add(new(prefix, "must be an event object"));
                    else if (ParseEnvelope(element, prefix + ".", errors) is { } item)
                        events.Add(item);
                }
                if (index == 0) errors.Add(new("$", "must hold at least one event"));
                break;
            default:
                errors.Add(new("$", "must be an event object or an array of events"));
                break;
        }
        return errors.Count == 0 ? new(events, []) : new([], errors);
    }

    /// <summary>Checks a request body (one event or an array) and returns every error; empty when it is valid.</summary>
    public static IReadOnlyList<EventValidationError> Validate(JsonElement body) => Parse(body).Errors;

    /// <summary>Checks events already in memory (as handed to the store); paths are prefixed with the event's index.</summary>
    public static IReadOnlyList<EventValidationError> Validate(IReadOnlyList<NewEvent> events)
    {
        var errors = new List<EventValidationError>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var before = errors.Count;
            if (e is null) { errors.Add(new("", "must be an event")); }
            else
            {
                if (e.EventId == Guid.Empty) errors.Add(new("event_id", "must not be the nil uuid"));
                if (string.IsNullOrWhiteSpace(e.Source)) errors.Add(new("source", "must be a non-empty string"));
                else if (!UnicodeText.IsValid(e.Source)) errors.Add(new("source", InvalidText));
                if (e.Type is null || !EventCatalogue.TryGet(e.Type, out var definition))
                    errors.Add(new("type", $"unknown event type '{e.Type}'"));
                else
                    ValidateData(definition, e.Data, "data", errors);
            }
            // Paths get their index only when something is wrong, so a valid batch builds no strings.
            for (var k = before; k < errors.Count; k++)
                errors[k] = errors[k] with { Path = errors[k].Path.Length == 0 ? $"[{i}]" : $"[{i}].{errors[k].Path}" };
        }
        return errors;
    }

    /// <summary>Checks one event's data against its type's shape, appending errors under <paramref name="path"/>.</summary>
    public static void ValidateData(EventTypeDefinition definition, JsonElement data, string path, List<EventValidationError> errors)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "must be a JSON object"));
            return;
        }
        foreach (var field in definition.Fields)
        {
            if (!data.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (field.Required) errors.Add(new($"{path}.{field.Name}", $"is required ({field.Type.ToString().ToLowerInvariant()})"));
                continue;
            }
            if (CheckType(field, value) is { } problem) errors.Add(new($"{path}.{field.Name}", problem));
        }
        CheckStorable(data, path, errors);
    }

    private static NewEvent? ParseEnvelope(JsonElement envelope, string prefix, List<EventValidationError> errors)
    {
        var before = errors.Count;
        Guid eventId = default;
        DateTimeOffset occurredAt = default;
        EventTypeDefinition? definition = null;

        if (RequiredString(envelope, "event_id", prefix, errors) is { } id)
        {
            if (!TryParseUuid(id, out eventId))
                errors.Add(new(prefix + "event_id", "must be a uuid (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), not the nil uuid"));
            else if (DerivedEventIds.IsDerived(eventId))
                errors.Add(new(prefix + "event_id", "version-8 uuids are reserved for ids the platform derives; send a random (version 4) or time-ordered (version 7) uuid"));
        }
        if (RequiredString(envelope, "type", prefix, errors) is { } type)
        {
            if (!EventCatalogue.TryGet(type, out definition))
                errors.Add(new(prefix + "type", $"unknown event type '{type}'"));
            else if (definition.IsPlatform)
            {
                errors.Add(new(prefix + "type", $"'{type}' is a platform event: only the platform writes it; ingest accepts business events only"));
                definition = null;
            }
        }
        if (RequiredString(envelope, "occurred_at", prefix, errors) is { } at && !TryParseTimestamp(at, out occurredAt))
            errors.Add(new(prefix + "occurred_at", "must be an ISO-8601 time with an offset, e.g. 2026-11-25T10:00:00Z"));
        var source = RequiredString(envelope, "source", prefix, errors);
        if (source is not null && string.IsNullOrWhiteSpace(source))
            errors.Add(new(prefix + "source", "must be a non-empty string"));

        if (!envelope.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
            errors.Add(new(prefix + "data", "is required (object)"));
        else if (definition is not null)
            ValidateData(definition, data, prefix + "data", errors);
        else if (data.ValueKind != JsonValueKind.Object)
            errors.Add(new(prefix + "data", "must be a JSON object"));

        return errors.Count == before ? new NewEvent(eventId, definition!.Type, occurredAt, source!, data) : null;
    }

    private static string? RequiredString(JsonElement envelope, string name, string prefix, List<EventValidationError> errors)
    {
        if (!envelope.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(prefix + name, "is required (string)"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(prefix + name, $"must be a string, not {Describe(value.ValueKind)}"));
            return null;
        }
        if (!UnicodeText.IsValidString(value))
        {
            errors.Add(new(prefix + name, InvalidText));
            return null;
        }
        return value.GetString();
    }

    private static string? CheckType(EventField field, JsonElement value)
    {
        var expected = field.Type.ToString().ToLowerInvariant();
        // Text that is not valid Unicode cannot be read as a string; CheckStorable reports it once, with its path.
        if (value.ValueKind == JsonValueKind.String && !UnicodeText.IsValidString(value)) return null;
        switch (field.Type)
        {
            case EventFieldType.String:
                return value.ValueKind == JsonValueKind.String ? null : $"must be a string, not {Describe(value.ValueKind)}";
            case EventFieldType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"must be a boolean, not {Describe(value.ValueKind)}";
            case EventFieldType.Array:
                return value.ValueKind == JsonValueKind.Array ? null : $"must be an array, not {Describe(value.ValueKind)}";
            case EventFieldType.Object:
                return value.ValueKind == JsonValueKind.Object ? null : $"must be an object, not {Describe(value.ValueKind)}";
            case EventFieldType.Timestamp:
                return value.ValueKind == JsonValueKind.String && TryParseTimestamp(value.GetString()!, out _)
                    ? null
                    : "must be an ISO-8601 time string with an offset, e.g. 2026-11-25T10:00:00Z";
            case EventFieldType.Number or EventFieldType.Integer:
                if (value.ValueKind != JsonValueKind.Number) return $"must be a {expected}, not {Describe(value.ValueKind)}";
                var number = value.GetDouble();
                if (field.Type == EventFieldType.Integer && !IsWhole(value, number)) return "must be an integer";
                if (field.NonNegative && number < 0) return "must not be negative";
                return null;
            default:
                return null;
        }
    }

    private static bool IsWhole(JsonElement value, double number) =>
        value.TryGetDecimal(out var exact) ? decimal.Truncate(exact) == exact : Math.Floor(number) == number;

    /// <summary>
    /// jsonb keeps only the last of repeated keys and refuses the NUL character, and numbers beyond double range have no
    /// canonical form; each would make the stored data differ from what was hashed, so all are refused here.
    /// </summary>
    private static void CheckStorable(JsonElement value, string path, List<EventValidationError> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var invalidName = false;
                foreach (var property in value.EnumerateObject())
                {
                    if (!UnicodeText.IsValidName(property))
                    {
                        // The name cannot be decoded, so neither it nor anything under it can be named or stored.
                        errors.Add(new(path, "property names " + InvalidText));
                        invalidName = true;
                        continue;
                    }
                    var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (HasNul(rawName) && property.Name.Contains('\0'))
                        errors.Add(new(path, "property names must not contain the NUL character"));
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                        CheckStorable(property.Value, path + "." + property.Name, errors);
                    else if (ScalarProblem(property.Value) is { } propertyProblem)
                        errors.Add(new(path + "." + property.Name, propertyProblem));
                }
                if (!invalidName && FindRepeatedName(value) is { } repeated) errors.Add(new(path + "." + repeated, "appears more than once"));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                        CheckStorable(item, $"{path}[{index}]", errors);
                    else if (ScalarProblem(item) is { } itemProblem)
                        errors.Add(new($"{path}[{index}]", itemProblem));
                    index++;
                }
                break;
            default:
                if (ScalarProblem(value) is { } problem) errors.Add(new(path, problem));
                break;
        }
    }

    private static string? ScalarProblem(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when !double.IsFinite(value.GetDouble()) => "number is out of range",
        JsonValueKind.String when !UnicodeText.IsValidString(value) => InvalidText,
        JsonValueKind.String when HasNul(JsonMarshal.GetRawUtf8Value(value)) && value.GetString()!.Contains('\0') => "must not contain the NUL character",
        _ => null,
    };

    /// <summary>A property name that occurs twice in the object, or null; compares raw names without allocating when none is escaped.</summary>
    private static string? FindRepeatedName(JsonElement obj)
    {
        var count = obj.GetPropertyCount();
        if (count < 2) return null;
        var escaped = false;
        foreach (var property in obj.EnumerateObject())
            escaped |= JsonMarshal.GetRawUtf8PropertyName(property).IndexOf((byte)'\\') >= 0;
        if (escaped || count > 32)
        {
            var seen = new HashSet<string>(count, StringComparer.Ordinal);
            foreach (var property in obj.EnumerateObject())
                if (!seen.Add(property.Name)) return property.Name;
            return null;
        }
        var outer = 0;
        foreach (var a in obj.EnumerateObject())
        {
            var inner = 0;
            var name = JsonMarshal.GetRawUtf8PropertyName(a);
            foreach (var b in obj.EnumerateObject())
            {
                if (inner++ >= outer) break;
                if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(b))) return a.Name;
            }
            outer++;
        }
        return null;
    }

    private const string InvalidText = "must be valid Unicode text (no invalid UTF-8 bytes, no lone surrogates such as \\ud800)";

    private static bool HasNul(ReadOnlySpan<byte> raw) => raw.IndexOf("\\u0000"u8) >= 0;

    private static bool TryParseUuid(string text, out Guid id) =>
        Guid.TryParseExact(text, "D", out id) && id != Guid.Empty;

    /// <summary>Parses an ISO-8601 time that carries an offset (Z or ±hh:mm), as the contracts write times.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        return IsoTimestamp().IsMatch(text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();
}
