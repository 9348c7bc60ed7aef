using System.Globalization;
using System.Text.Json;

namespace LiveShop.Kernel.Verification;

/// <summary>Typed reads of an action's parameters; numbers may arrive as JSON numbers or as numeric text.</summary>
public static class ActionParameters
{
    /// <summary>Reads an id or text parameter; a JSON number is taken as its text.</summary>
    public static bool TryGetText(JsonElement parameters, string name, out string value)
    {
        value = "";
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var element)) return false;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                value = element.GetString()!;
                return true;
            case JsonValueKind.Number:
                value = element.GetRawText();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads a decimal parameter from a JSON number or numeric text (invariant culture).</summary>
    public static bool TryGetDecimal(JsonElement parameters, string name, out decimal value)
    {
        value = 0;
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var element)) return false;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDecimal(out value),
            JsonValueKind.String => decimal.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>Reads a true/false parameter from a JSON boolean or the text "true"/"false".</summary>
    public static bool TryGetFlag(JsonElement parameters, string name, out bool value)
    {
        value = false;
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var element)) return false;
        switch (element.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                value = element.GetBoolean();
                return true;
            case JsonValueKind.String:
                return bool.TryParse(element.GetString()!.Trim(), out value);
            default:
                return false;
        }
    }

    private static bool TryGetNumber(JsonElement element, out decimal value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDecimal(out value),
            JsonValueKind.String => decimal.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>Whether the parameter is present (and not JSON null).</summary>
    public static bool Has(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null;

    /// <summary>Whether the element has the shape <paramref name="kind"/> asks for.</summary>
    public static bool IsValid(JsonElement element, ParameterKind kind) => kind switch
    {
        ParameterKind.Id => element.ValueKind == JsonValueKind.String ? element.GetString()!.Length > 0 : element.ValueKind == JsonValueKind.Number,
        ParameterKind.Text => element.ValueKind == JsonValueKind.String,
        ParameterKind.Number => TryGetNumber(element, out _),
        ParameterKind.Money => TryGetNumber(element, out var amount) && StoreCurrency.IsWholeMinorUnits(amount),
        ParameterKind.WholeNumber => TryGetNumber(element, out var whole) && whole == decimal.Truncate(whole),
        ParameterKind.Flag => element.ValueKind is JsonValueKind.True or JsonValueKind.False
                              || (element.ValueKind == JsonValueKind.String && bool.TryParse(element.GetString()!.Trim(), out _)),
        ParameterKind.Object => TryGetObject(element, out _),
        _ => false,
    };

    /// <summary>An object parameter: a JSON object, or text holding one (as auto-invoked tool calls pass it).</summary>
    public static bool TryGetObject(JsonElement element, out JsonElement value)
    {
        value = element;
        if (element.ValueKind == JsonValueKind.Object) return true;
        if (element.ValueKind != JsonValueKind.String) return false;
        try
        {
            using var document = JsonDocument.Parse(element.GetString()!);
            value = document.RootElement.Clone();
            return value.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
