namespace LiveShop.Kernel.Personas.Catalog;

/// <summary>
/// Loads and validates the persona prompt folder (<c>prompts/*.md</c> plus <c>prompts/_shared/*.md</c> fragments)
/// at start-up; every problem is reported with the file and line so a bad prompt never half-loads.
/// </summary>
public static class PersonaCatalogLoader
{
    /// <summary>The folder of shared fragments inside the prompt folder.</summary>
    public const string SharedFolderName = "_shared";

    /// <summary>Loads the prompt folder copied next to the running assembly (<c>AppContext.BaseDirectory/prompts</c>).</summary>
    public static PersonaCatalog LoadDefault(IReadOnlySet<string>? knownFunctions = null) =>
        Load(Path.Combine(AppContext.BaseDirectory, "prompts"), knownFunctions);

    /// <summary>
    /// Loads every persona file in <paramref name="directory"/>; when <paramref name="knownFunctions"/> is given
    /// (the host's plugin registry), a persona listing any other function is an error.
    /// Throws <see cref="PersonaCatalogException"/> listing every problem found, one per line.
    /// </summary>
    public static PersonaCatalog Load(string directory, IReadOnlySet<string>? knownFunctions = null)
    {
        if (!Directory.Exists(directory))
            throw new PersonaCatalogException($"{directory}: persona prompt folder not found");

        var errors = new List<string>();
        var fragments = LoadFragments(Path.Combine(directory, SharedFolderName), errors);
        var personas = new List<Persona>();
        var files = Directory.GetFiles(directory, "*.md").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            errors.Add($"{directory}: no persona files (*.md) found");

        foreach (var file in files)
        {
            var fileErrors = new List<string>();
            var persona = PersonaFileParser.Parse(file, File.ReadAllText(file), fragments, knownFunctions, fileErrors);
            errors.AddRange(fileErrors);
            if (persona is not null)
                personas.Add(persona);
        }

        foreach (var duplicate in personas.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add($"{string.Join(", ", duplicate.Select(p => p.SourceFile))}: duplicate persona name '{duplicate.Key}'");

        if (errors.Count > 0)
            throw new PersonaCatalogException($"Invalid persona prompts ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return new PersonaCatalog(personas);
    }

    private static IReadOnlyDictionary<string, string> LoadFragments(string sharedDirectory, List<string> errors)
    {
        var fragments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(sharedDirectory))
            return fragments;
        foreach (var file in Directory.GetFiles(sharedDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Trim();
            // Fragments are leaves: allowing includes inside them would invite cycles for no real gain.
            var nested = FragmentDirective.Pattern.Match(text);
            if (nested.Success)
                errors.Add($"{file}:{LineOf(text, nested.Index)}: a shared fragment cannot include another fragment ('{nested.Value}')");
            fragments[Path.GetFileNameWithoutExtension(file)] = text;
        }
        return fragments;
    }

    internal static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');
}
