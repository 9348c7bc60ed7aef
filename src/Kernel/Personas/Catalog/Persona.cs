using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Personas.Catalog;

/// <summary>One agent persona loaded from a prompt file: who it is, what it may call and how it is found by the router.</summary>
public sealed record Persona
{
    /// <summary>snake_case name, equal to the prompt file's stem (e.g. <c>ads_optimizer</c>).</summary>
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public required PersonaGroup Group { get; init; }
    /// <summary>The persona's role in one line.</summary>
    public required string Role { get; init; }
    public required IReadOnlyList<string> Goals { get; init; }
    public required string Tone { get; init; }
    /// <summary>Plugin function names this persona's kernel may hold (least privilege).</summary>
    public required IReadOnlySet<string> Functions { get; init; }
    /// <summary>The highest risk level this persona may propose; the orchestrator refuses proposals above it.</summary>
    public required RiskLevel MaxRisk { get; init; }
    /// <summary>Keywords and phrases the router matches messages against.</summary>
    public required IReadOnlyList<string> Intents { get; init; }
    public required IReadOnlyList<string> Examples { get; init; }
    /// <summary>The system prompt with every shared fragment resolved.</summary>
    public required string SystemPrompt { get; init; }
    /// <summary>The file the persona was loaded from, for error messages and audits.</summary>
    public required string SourceFile { get; init; }

    /// <summary>True when the persona may propose an action whose verdict carries <paramref name="risk"/>.</summary>
    public bool MayPropose(RiskLevel risk) => risk <= MaxRisk;
}

/// <summary>The five groups of the organisation chart.</summary>
public enum PersonaGroup
{
    Executive,
    GrowthContent,
    ProductMerch,
    Operations,
    PlatformEngineering,
}

/// <summary>The snake_case spelling of <see cref="PersonaGroup"/> used in prompt files.</summary>
public static class PersonaGroups
{
    private static readonly IReadOnlyDictionary<string, PersonaGroup> ByName = new Dictionary<string, PersonaGroup>(StringComparer.Ordinal)
    {
        ["executive"] = PersonaGroup.Executive,
        ["growth_content"] = PersonaGroup.GrowthContent,
        ["product_merch"] = PersonaGroup.ProductMerch,
        ["operations"] = PersonaGroup.Operations,
        ["platform_engineering"] = PersonaGroup.PlatformEngineering,
    };

    /// <summary>Every valid spelling, in chart order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. ByName.Keys];

    /// <summary>Parses a group name as written in a prompt file.</summary>
    public static bool TryParse(string text, out PersonaGroup group) => ByName.TryGetValue(text, out group);

    /// <summary>The name a prompt file uses for <paramref name="group"/>.</summary>
    public static string ToName(PersonaGroup group) => ByName.First(pair => pair.Value == group).Key;
}
