using LiveShop.Kernel.Actions.Definitions;
using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Verification;

/// <summary>Reads an action packet and validates it against the contract and <see cref="ActionCatalog"/>; defects become <see cref="InvalidInputException"/>.</summary>
public static class ActionPacketReader
{
    /// <summary>Reads and validates a packet file.</summary>
    public static ActionPacket ReadFile(string path) => Parse(InputFiles.ReadText(path, "action packet"), path);

    /// <summary>Parses and validates packet JSON; <paramref name="source"/> names it in error messages.</summary>
    public static ActionPacket Parse(string json, string source = "action packet")
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new InvalidInputException($"{source}: the action packet is empty");
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{source}: malformed JSON: {Facts.StateSnapshotReader.FirstSentence(e.Message)}", e);
        }
        return FromElement(root, source);
    }

    /// <summary>Validates an already parsed packet (e.g. an HTTP body).</summary>
    public static ActionPacket FromElement(JsonElement root, string source = "action packet")
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"{source}: the action packet must be a JSON object");

        var action = OptionalText(root, "proposed_action", source)
            ?? throw new InvalidInputException($"{source}: 'proposed_action' is required");
        if (action.Length == 0)
            throw new InvalidInputException($"{source}: 'proposed_action' must not be empty");

        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
            parameters = JsonSerializer.SerializeToElement(new Dictionary<string, object>(), JsonDefaults.Options);
        else if (parameters.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"{source}: 'parameters' must be a JSON object");

        ValidateParameters(action, parameters, source);

        var actionId = OptionalText(root, "action_id", source);
        return new ActionPacket
        {
            ActionId = string.IsNullOrEmpty(actionId) ? Guid.NewGuid().ToString() : actionId,
            ProposedAction = action,
            Agent = OptionalText(root, "agent", source),
            Parameters = parameters,
            Evidence = root.TryGetProperty("evidence", out var evidence) && evidence.ValueKind != JsonValueKind.Null ? evidence : null,
            IdempotencyKey = OptionalText(root, "idempotency_key", source),
            RequestedBy = OptionalText(root, "requested_by", source),
            OnBehalfOf = OptionalText(root, "on_behalf_of", source),
        };
    }

    // Unknown actions are not invalid input: the verifier denies them, so the audit trail shows the attempt.
    private static void ValidateParameters(string action, JsonElement parameters, string source)
    {
        var specs = ActionCatalog.ParametersOf(action);
        if (specs is null) return;
        foreach (var spec in specs)
        {
            if (!parameters.TryGetProperty(spec.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (spec.Required)
                    throw new InvalidInputException($"{source}: parameter '{spec.Name}' is required for {action}");
                continue;
            }
            if (!ActionParameters.IsValid(value, spec.Kind))
                throw new InvalidInputException($"{source}: parameter '{spec.Name}' of {action} must be {Describe(spec.Kind)}, not {Show(value)}");
        }
    }

    private static string? OptionalText(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
            throw new InvalidInputException($"{source}: '{name}' must be text, not {Show(value)}");
        return value.GetString();
    }

    private static string Describe(ParameterKind kind) => kind switch
    {
        ParameterKind.Id => "a non-empty id",
        ParameterKind.Text => "text",
        ParameterKind.Number => "a number",
        ParameterKind.Money => $"a number with at most {StoreCurrency.Decimals} decimals ({StoreCurrency.Code} cents)",
        ParameterKind.WholeNumber => "a whole number",
        ParameterKind.Flag => "true or false",
        ParameterKind.Object => "a JSON object",
        _ => kind.ToString(),
    };

    private static string Show(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }
}
