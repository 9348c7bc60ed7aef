using LiveShop.Kernel.Actions.Definitions;
using System.Globalization;
using System.Text.Json;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Serialization;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Functions;

/// <summary>
/// Turns a world-changing function call into an action packet: mapped arguments become the contract parameters (numbers
/// given as text are parsed with the invariant culture), every other argument becomes evidence, and the packet is
/// validated by <see cref="ActionPacketReader"/> exactly like a packet file or an HTTP body.
/// </summary>
public static class ActionPacketBuilder
{
    /// <summary>Builds and validates the packet; a missing or mistyped parameter throws <see cref="InvalidInputException"/>.</summary>
    public static ActionPacket Build(FunctionDeclaration declaration, KernelArguments arguments, CallerIdentity caller, string? toolCallId)
    {
        if (declaration.Action is null)
            throw new ArgumentException($"{declaration.QualifiedName} is read-only and makes no action packet", nameof(declaration));
        var specs = (ActionCatalog.ParametersOf(declaration.Action) ?? []).ToDictionary(s => s.Name, StringComparer.Ordinal);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("proposed_action", declaration.Action);
            json.WriteString("agent", caller.Persona);
            json.WriteString("requested_by", caller.RequestedBy);
            if (!string.IsNullOrEmpty(caller.OnBehalfOf)) json.WriteString("on_behalf_of", caller.OnBehalfOf);
            if (!string.IsNullOrEmpty(toolCallId)) json.WriteString("idempotency_key", toolCallId);

            json.WriteStartObject("parameters");
            foreach (var (argument, parameter) in declaration.ParameterMap)
            {
                if (!arguments.TryGetValue(argument, out var value) || value is null) continue;
                json.WritePropertyName(parameter);
                WriteParameter(json, value, specs[parameter].Kind);
            }
            json.WriteEndObject();

            json.WriteStartObject("evidence");
            json.WriteString("function", declaration.QualifiedName);
            if (!string.IsNullOrEmpty(toolCallId)) json.WriteString("tool_call_id", toolCallId);
            foreach (var (name, value) in arguments)
            {
                if (declaration.ParameterMap.ContainsKey(name) || value is null) continue;
                json.WritePropertyName(name);
                WriteEvidence(json, value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return ActionPacketReader.FromElement(document.RootElement.Clone(), declaration.QualifiedName);
    }

    // Auto-invoked calls hand every argument over as text; manual calls may pass typed values. Both end as the same JSON,
    // so the parameters hash (and so the idempotency of a retry) does not depend on how the call was made.
    private static void WriteParameter(Utf8JsonWriter json, object value, ParameterKind kind)
    {
        switch (kind)
        {
            case ParameterKind.Number or ParameterKind.Money or ParameterKind.WholeNumber when AsDecimal(value) is { } number:
                json.WriteNumberValue(number);
                return;
            case ParameterKind.Flag when AsFlag(value) is { } flag:
                json.WriteBooleanValue(flag);
                return;
            case ParameterKind.Object when value is string text && ActionParameters.TryGetObject(JsonSerializer.SerializeToElement(text), out var parsed):
                parsed.WriteTo(json);
                return;
            case ParameterKind.Id when AsDecimal(value) is { } numericId && value is not string:
                json.WriteStringValue(numericId.ToString(CultureInfo.InvariantCulture));
                return;
            default:
                WriteEvidence(json, value);
                return;
        }
    }

    private static bool? AsFlag(object value) => value switch
    {
        bool b => b,
        string text => bool.TryParse(text.Trim(), out var parsed) ? parsed : null,
        JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False } e => e.GetBoolean(),
        JsonElement { ValueKind: JsonValueKind.String } e => AsFlag(e.GetString()!),
        _ => null,
    };

    private static decimal? AsDecimal(object value) => value switch
    {
        string text => decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        decimal d => d,
        int i => i,
        long l => l,
        short s => s,
        double d when double.IsFinite(d) => (decimal)d,
        float f when float.IsFinite(f) => (decimal)f,
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
        JsonElement { ValueKind: JsonValueKind.String } e => AsDecimal(e.GetString()!),
        _ => null,
    };

    private static void WriteEvidence(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case string text:
                json.WriteStringValue(text);
                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            default:
                JsonElement serialised;
                try
                {
                    serialised = JsonSerializer.SerializeToElement(value, value.GetType(), JsonDefaults.Options);
                }
                catch (NotSupportedException)
                {
                    json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                }
                serialised.WriteTo(json);
                break;
        }
    }
}
