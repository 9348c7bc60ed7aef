using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Kernel.Policies.Changes;

/// <summary>The policy a <see cref="ChangePolicyAction"/> packet would put in force, or why it cannot.</summary>
public sealed record ProposedPolicy
{
    /// <summary>The loaded policy (with its version), or null when the proposal is refused.</summary>
    public BusinessPolicy? Policy { get; init; }

    /// <summary>The whole document that would be stored as the new version.</summary>
    public string? Yaml { get; init; }

    /// <summary>Every setting the proposal changes, with its value before and after.</summary>
    public IReadOnlyList<SettingChange> Changes { get; init; } = [];

    /// <summary>Why the proposal is refused (names the setting or the document line); null when it loads.</summary>
    public string? Error { get; init; }
}

/// <summary>
/// Applies a <see cref="ChangePolicyAction"/> packet to the policy in force, strictly and purely: dotted-path <c>changes</c> (each path
/// must exist and keep its type) or a whole <c>policy_yaml</c>; the result must load with <see cref="PolicyLoader"/>.
/// </summary>
public static class PolicyChangeProposal
{
    /// <summary>What <paramref name="parameters"/> would make of <paramref name="current"/>.</summary>
    public static ProposedPolicy Apply(BusinessPolicy current, JsonElement parameters)
    {
        var hasChanges = ActionParameters.Has(parameters, "changes");
        var hasDocument = ActionParameters.Has(parameters, "policy_yaml");
        if (hasChanges == hasDocument)
            return Refused("give either 'changes' (dotted setting paths, e.g. {\"refunds.auto_refund_max\": 150}) or a whole 'policy_yaml', exactly one of them");

        string yaml;
        if (hasDocument)
        {
            ActionParameters.TryGetText(parameters, "policy_yaml", out yaml);
        }
        else
        {
            if (!ActionParameters.TryGetObject(parameters.GetProperty("changes"), out var changes))
                return Refused("'changes' must be a JSON object of setting paths and new values");
            var tree = PolicyDocument.ToTree(current);
            var count = 0;
            foreach (var change in changes.EnumerateObject())
            {
                count++;
                if (SetValue(tree, change.Name, change.Value) is { } error) return Refused(error);
            }
            if (count == 0) return Refused("'changes' is empty: name at least one setting, e.g. \"refunds.auto_refund_max\"");
            yaml = PolicyDocument.ToYaml(tree);
        }

        BusinessPolicy proposed;
        try
        {
            proposed = PolicyLoader.Parse(yaml, hasDocument ? "policy_yaml" : "the changed policy");
        }
        catch (PolicyException e)
        {
            return Refused(e.Message);
        }
        if (string.Equals(proposed.Version, current.Version, StringComparison.Ordinal))
            return Refused($"the proposed policy is the policy in force (version {current.Version[..12]}); nothing would change");
        return new ProposedPolicy { Policy = proposed, Yaml = yaml, Changes = PolicyDocument.Diff(current, proposed) };
    }

    private static string? SetValue(JsonObject tree, string path, JsonElement value)
    {
        var existing = PolicyDocument.At(tree, path);
        var target = PolicyDocument.Parent(tree, path, out var key);
        if (existing is null || target is null)
        {
            var section = path.Split('.')[0];
            var known = tree[section] is JsonObject settings
                ? string.Join(", ", PolicyDocument.Paths(settings).Select(p => $"{section}.{p}"))
                : string.Join(", ", tree.Select(s => s.Key));
            return $"unknown policy setting '{path}' (known {(tree[section] is null ? "sections" : "settings")}: {known})";
        }
        var kind = PolicyDocument.Element(existing).ValueKind;
        JsonNode? replacement = kind switch
        {
            JsonValueKind.Number when ActionParameters.IsValid(value, ParameterKind.Number) =>
                JsonValue.Create(value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)),
            JsonValueKind.True or JsonValueKind.False when AsFlag(value) is { } flag => JsonValue.Create(flag),
            JsonValueKind.Array when value.ValueKind == JsonValueKind.Array
                && value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Trim().Length > 0) =>
                new JsonArray([.. value.EnumerateArray().Select(i => (JsonNode)JsonValue.Create(i.GetString()!.Trim()))]),
            _ => null,
        };
        if (replacement is null)
        {
            var expected = kind switch
            {
                JsonValueKind.Number => "a number",
                JsonValueKind.Array => "a list of non-empty texts",
                _ => "true or false",
            };
            var shown = value.GetRawText();
            return $"policy setting '{path}' must be {expected}, not {(shown.Length > 40 ? shown[..40] + "…" : shown)}";
        }
        target[key] = replacement;
        return null;
    }

    private static bool? AsFlag(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetString()!.Trim(), out var parsed) => parsed,
        _ => null,
    };

    private static ProposedPolicy Refused(string error) => new() { Error = error };
}
