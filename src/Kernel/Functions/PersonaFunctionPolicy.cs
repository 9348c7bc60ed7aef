namespace LiveShop.Kernel.Functions;

/// <summary>
/// Least privilege: the plugins (or single functions) each persona may call. Entries are a plugin name
/// (<c>Commerce</c>), a qualified function (<c>Commerce-get_order</c>) or a bare function name (<c>get_order</c>, as the
/// persona files in <c>prompts/</c> list them); a persona not listed may call nothing.
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
        && ((pluginName is not null && entries.Contains(pluginName))
            || entries.Contains(FunctionNames.Qualify(pluginName, functionName))
            || entries.Contains(functionName));

    /// <summary>The policy the persona catalog declares: each persona's <c>functions</c> list.</summary>
    public static PersonaFunctionPolicy FromCatalog(Personas.Catalog.PersonaCatalog catalog) =>
        new(catalog.All.ToDictionary(p => p.Name, p => (IReadOnlyCollection<string>)p.Functions.ToArray(), StringComparer.Ordinal));
}
