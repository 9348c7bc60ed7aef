using LiveShop.Kernel.Actions.Definitions.Refunds;
namespace LiveShop.Kernel.Functions;

/// <summary>
/// Declares that a plugin function changes the world as the contract action <see cref="Action"/>: the proof filter turns
/// every call into an action packet for the tool gateway instead of running the method body.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WorldActionAttribute(string action) : Attribute
{
    /// <summary>The contract action name (CONTRACTS.md §1), e.g. <see cref="RefundOrderAction"/>.</summary>
    public string Action { get; } = action;
}

/// <summary>Declares that a plugin function only reads (risk L0): the proof filter lets it run directly, without the gateway.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ReadOnlyFunctionAttribute : Attribute;

/// <summary>
/// Maps a function argument onto a differently named action parameter; without it the argument name is the parameter
/// name. Arguments that map to no parameter of the action are recorded as evidence.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ActionParameterAttribute(string name) : Attribute
{
    /// <summary>The action parameter (snake_case, as the contract writes it) the argument fills.</summary>
    public string Name { get; } = name;
}

/// <summary>How people ask for a read-only function: example requests and cue words for the offline planner.</summary>
/// <param name="examples">Example requests, written for the planner — not copied from any evaluation set.</param>
/// <param name="cues">Lower-case word stems or phrases whose presence is strong evidence for the function.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PlannerHintsAttribute(string[] examples, string[] cues) : Attribute
{
    /// <summary>The hints as the planner reads them.</summary>
    public Actions.Definitions.PlannerHints Hints { get; } = new(examples, cues);
}
