namespace LiveShop.Kernel.Functions;

/// <summary>
/// Least privilege: the plugins (or single functions) each persona may call. Entries are a plugin name
/// (<c>Commerce</c>) or a qualified function (<c>Commerce-get_order</c>); a persona not listed may call nothing.
/// </summary>
public sealed class PersonaFunctionPolicy
{
    private readonly Dictionary<string, HashSet<string>> _allowed;

    /// <summary>Builds the policy from persona name → allowed plugin or function entries.</summary>
    public PersonaFunctionPolicy(IReadOnlyDictionary<string, IReadOnlyCollection<string>> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        _allowed = allowed.ToDictionary(
            pair => pair.Key,
            pair => new HashSet<string>(pair.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>The personas the policy knows.</summary>
    public IEnumerable<string> Personas => _allowed.Keys;

    /// <summary>Whether <paramref name="persona"/> may call the function.</summary>
    public bool IsAllowed(string persona, string? pluginName, string functionName) =>
        _allowed.TryGetValue(persona, out var entries)
        && ((pluginName is not null && entries.Contains(pluginName)) || entries.Contains(FunctionNames.Qualify(pluginName, functionName)));

    /// <summary>Whether <paramref name="persona"/> may call at least one function of the plugin (so its kernel should hold it).</summary>
    public bool MayUsePlugin(string persona, string pluginName) =>
        _allowed.TryGetValue(persona, out var entries)
        && entries.Any(e => e == pluginName || e.StartsWith(pluginName + "-", StringComparison.Ordinal));
}
