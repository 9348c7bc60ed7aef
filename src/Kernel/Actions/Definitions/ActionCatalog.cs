using System.Reflection;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions;

/// <summary>Every action the product knows, each by its one <see cref="ActionDefinition"/>.</summary>
public static class ActionCatalog
{
    /// <summary>
    /// Every definition, by name: each <see cref="ActionDefinition"/> class of this assembly with its static
    /// <c>Definition</c>, so adding an action is adding its definition file and nothing else here.
    /// </summary>
    public static IReadOnlyList<ActionDefinition> All { get; } =
    [
        .. typeof(ActionDefinition).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ActionDefinition)) && !t.IsAbstract)
            .Select(DefinitionOf)
            .OrderBy(d => d.Name, StringComparer.Ordinal),
    ];

    private static readonly Dictionary<string, ActionDefinition> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Known actions and their parameters.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ParameterSpec>> Actions { get; } =
        All.ToDictionary(d => d.Name, d => d.Parameters, StringComparer.Ordinal);

    /// <summary>The definition of an action, or null for an action nobody defined.</summary>
    public static ActionDefinition? Find(string? action) => action is not null && ByName.TryGetValue(action, out var definition) ? definition : null;

    /// <summary>The declared parameters of an action, or null for an action nobody defined.</summary>
    public static IReadOnlyList<ParameterSpec>? ParametersOf(string action) => Find(action)?.Parameters;

    private static ActionDefinition DefinitionOf(Type type) =>
        type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ActionDefinition
        ?? throw new InvalidOperationException($"{type.Name} must expose its one instance as 'public static {type.Name} Definition {{ get; }}'");

    /// <summary>The actions whose connectors belong to <paramref name="family"/>, in catalogue order.</summary>
    public static IReadOnlyList<string> ClaimableBy(IntegrationFamily family) =>
        [.. All.Where(d => d.ClaimableBy.Contains(family)).Select(d => d.Name)];
}
