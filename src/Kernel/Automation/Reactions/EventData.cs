using System.Globalization;
using System.Text.Json;
using LiveShop.Memory.Events;

namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>Reads the fields a reaction needs from an event's data, tolerating a missing or mistyped optional field.</summary>
internal static class EventData
{
    public static string? Text(this StoredEvent e, string field) =>
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static string RequiredText(this StoredEvent e, string field) =>
        e.Text(field) ?? throw new InvalidOperationException($"{e.Type} {e.EventId} has no {field}");

    public static decimal? Number(this StoredEvent e, string field) =>
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDecimal()
            : null;

    /// <summary>The trigger an automation names for an event: the same event always asks under the same key.</summary>
    public static string Trigger(this StoredEvent e) => "event:" + e.EventId.ToString("D", CultureInfo.InvariantCulture);
}
