namespace LiveShop.Kernel.Actions.Definitions;

/// <summary>How people ask for one function: example requests (embedded next to its description) and cue words.</summary>
/// <param name="Examples">Example requests, written for the planner — not copied from any evaluation set.</param>
/// <param name="Cues">Lower-case word stems or phrases whose presence is strong evidence for the function.</param>
public sealed record PlannerHints(IReadOnlyList<string> Examples, IReadOnlyList<string> Cues);
