using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Personas.Goals;

/// <summary>
/// The highest risk level a verdict on each function can reach under the policy's rule shapes (CONTRACTS.md §1), as each
/// action's definition declares it; a task is planned at the ceiling of its tools so its approval needs are visible before it runs.
/// </summary>
public static class ActionRiskCeiling
{
    /// <summary>Functions that commit money, so a task using them gets a share of the goal's budget.</summary>
    public static IReadOnlySet<string> Spending { get; } =
        ActionCatalog.All.Where(d => d.Spends).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The ceiling for one function; read-only functions and L0 actions are L0.</summary>
    public static RiskLevel Of(string function) => ActionCatalog.Find(function)?.RiskCeiling ?? RiskLevel.L0;
}
