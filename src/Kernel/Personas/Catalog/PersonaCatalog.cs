namespace LiveShop.Kernel.Personas.Catalog;

/// <summary>Every persona loaded at start-up, by name and by group.</summary>
public sealed class PersonaCatalog
{
    /// <summary>The persona the router falls back to when no other fits: the CEO as generalist.</summary>
    public const string GeneralistName = "ceo";

    private readonly IReadOnlyDictionary<string, Persona> _byName;

    /// <summary>Creates a catalog over personas whose names are already known to be unique.</summary>
    public PersonaCatalog(IEnumerable<Persona> personas)
    {
        All = [.. personas.OrderBy(p => p.Group).ThenBy(p => p.Name, StringComparer.Ordinal)];
        _byName = All.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Groups = All.GroupBy(p => p.Group).ToDictionary(g => g.Key, g => (IReadOnlyList<Persona>)[.. g]);
    }

    /// <summary>Every persona, ordered by group then name.</summary>
    public IReadOnlyList<Persona> All { get; }

    /// <summary>Personas per group.</summary>
    public IReadOnlyDictionary<PersonaGroup, IReadOnlyList<Persona>> Groups { get; }

    /// <summary>Every persona name, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The persona called <paramref name="name"/> (case-insensitive), or null.</summary>
    public Persona? Find(string name) => _byName.GetValueOrDefault(name.Trim().ToLowerInvariant());

    /// <summary>The persona called <paramref name="name"/>; throws listing the valid names when there is none.</summary>
    public Persona Get(string name) =>
        Find(name) ?? throw new UnknownPersonaException(name, Names);
}

/// <summary>A persona name nobody defined; the message lists the valid names.</summary>
public sealed class UnknownPersonaException(string name, IReadOnlyList<string> validNames)
    : Exception($"Unknown persona '{name}'. Valid personas: {string.Join(", ", validNames)}.")
{
    /// <summary>The name that was asked for.</summary>
    public string RequestedName { get; } = name;

    /// <summary>The names that exist.</summary>
    public IReadOnlyList<string> ValidNames { get; } = validNames;
}

/// <summary>A persona prompt folder that cannot be loaded; the message names the file and, when known, the line.</summary>
public sealed class PersonaCatalogException(string message, Exception? inner = null) : Exception(message, inner);
