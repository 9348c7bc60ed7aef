using Microsoft.Extensions.Configuration;

namespace LiveShop.Plugins.Integrations;

/// <summary>One integration and the mode its configuration puts it in (setting names only, never values).</summary>
public sealed record IntegrationStatus
{
    /// <summary>The integration.</summary>
    public required IntegrationDescriptor Descriptor { get; init; }

    /// <summary>Live when every required setting is configured; sandbox when none is.</summary>
    public required ConnectorMode Mode { get; init; }

    /// <summary>The integration id.</summary>
    public string Id => Descriptor.Id;
}

/// <summary>
/// Which integrations are live, read once from configuration (<c>Integrations:&lt;Name&gt;</c>) at start-up. Building it
/// validates the whole section and throws one <see cref="IntegrationConfigurationException"/> listing every problem, so a
/// half-configured integration stops the host instead of silently answering from the sandbox.
/// </summary>
public sealed class IntegrationDirectory
{
    /// <summary>The configuration section all integrations live under.</summary>
    public const string Section = "Integrations";

    private readonly IConfiguration _configuration;
    private readonly Dictionary<string, IntegrationStatus> _byId;

    /// <summary>
    /// Reads the integrations' configuration. Whether it is valid is <see cref="FindProblems"/>' answer, which the host
    /// checks at start (<see cref="IntegrationCatalogueValidation"/>).
    /// </summary>
    public IntegrationDirectory(IConfiguration configuration)
    {
        _configuration = configuration;
        All = IntegrationCatalog.All.Select(d => new IntegrationStatus
        {
            Descriptor = d, Mode = ConfiguredNames(configuration, d).Count == 0 ? ConnectorMode.Sandbox : ConnectorMode.Live,
        }).ToList();
        _byId = All.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>A directory with nothing configured: every integration in the sandbox.</summary>
    public static IntegrationDirectory AllSandbox() => new(new ConfigurationBuilder().Build());

    /// <summary>Every integration with its mode, in catalog order.</summary>
    public IReadOnlyList<IntegrationStatus> All { get; }

    /// <summary>The integrations whose credentials are configured.</summary>
    public IEnumerable<IntegrationStatus> Live => All.Where(s => s.Mode == ConnectorMode.Live);

    /// <summary>The status of one integration, or null for an id the catalog does not know.</summary>
    public IntegrationStatus? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Whether the integration's credentials are configured.</summary>
    public bool IsLive(string id) => Find(id)?.Mode == ConnectorMode.Live;

    /// <summary>The integration's configuration section, for its connector to bind its settings from.</summary>
    public IConfigurationSection SettingsOf(string id) =>
        _configuration.GetSection((Find(id) ?? throw new ArgumentException($"unknown integration '{id}'", nameof(id))).Descriptor.ConfigurationSection);

    /// <summary>Every problem of the <c>Integrations</c> configuration, one sentence each, naming settings but never their values.</summary>
    public static IReadOnlyList<string> FindProblems(IConfiguration configuration)
    {
        var problems = new List<string>();
        var sections = IntegrationCatalog.All.ToDictionary(d => d.ConfigurationSection[(Section.Length + 1)..], StringComparer.OrdinalIgnoreCase);
        foreach (var child in configuration.GetSection(Section).GetChildren())
            if (!sections.ContainsKey(child.Key) && HasAnyValue(child))
                problems.Add($"{Section}:{child.Key} is not an integration (known sections: {string.Join(", ", sections.Keys.Order(StringComparer.Ordinal))})");
        foreach (var descriptor in IntegrationCatalog.All)
        {
            var section = configuration.GetSection(descriptor.ConfigurationSection);
            var known = descriptor.RequiredSettings.Concat(descriptor.OptionalSettings).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = section.GetChildren().Where(c => !known.Contains(c.Key) && HasAnyValue(c)).Select(c => c.Key).ToList();
            if (unknown.Count > 0)
                problems.Add($"{descriptor.ConfigurationSection}: unknown setting{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)} " +
                             $"(known: {string.Join(", ", known)})");
            var configured = ConfiguredNames(configuration, descriptor);
            if (configured.Count == 0 && unknown.Count == 0) continue;
            if (!descriptor.HasRealClient)
            {
                problems.Add($"{descriptor.Id} has no real client yet; remove {descriptor.ConfigurationSection} settings or leave it in sandbox");
                continue;
            }
            var missing = descriptor.RequiredSettings.Where(r => string.IsNullOrWhiteSpace(section[r])).ToList();
            if (missing.Count > 0 && configured.Count > 0)
                problems.Add($"{descriptor.ConfigurationSection}: {string.Join(", ", configured)} {(configured.Count > 1 ? "are" : "is")} set but " +
                             $"{string.Join(", ", missing)} {(missing.Count > 1 ? "are" : "is")} missing; set " +
                             $"{string.Join(", ", descriptor.RequiredSettings)} to make it live, or remove its settings to keep it in sandbox");
        }
        return problems;
    }

    // The settings (required or optional) holding a value; any of them makes the integration meant to be live.
    private static List<string> ConfiguredNames(IConfiguration configuration, IntegrationDescriptor descriptor)
    {
        var section = configuration.GetSection(descriptor.ConfigurationSection);
        return descriptor.RequiredSettings.Concat(descriptor.OptionalSettings).Where(s => !string.IsNullOrWhiteSpace(section[s])).ToList();
    }

    private static bool HasAnyValue(IConfigurationSection section) =>
        !string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any(HasAnyValue);
}

/// <summary>The integrations' configuration is wrong; the message lists every problem (setting names, never values).</summary>
public sealed class IntegrationConfigurationException(IReadOnlyList<string> problems)
    : Exception("Integration configuration is invalid:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
{
    /// <summary>Each problem, one sentence.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
