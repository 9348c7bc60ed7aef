using System.Collections.Concurrent;
using System.Reflection;
using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Functions;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>
/// How people ask for each function, from where the function is defined: an action's definition, or the
/// <see cref="PlannerHintsAttribute"/> next to a read-only plugin method. Functions without hints are chosen by their
/// description alone.
/// </summary>
public static class PlannerExamples
{
    // Every turn's function index asks for the hints of every offered function: read each method's attribute once.
    private static readonly ConcurrentDictionary<MethodInfo, PlannerHints?> ByMethod = new();

    /// <summary>The example requests and cue words of <paramref name="function"/>, when it has any.</summary>
    public static PlannerHints? For(KernelFunction function) =>
        ActionCatalog.Find(function.Name)?.Hints
        ?? (function.UnderlyingMethod is { } method
            ? ByMethod.GetOrAdd(method, m => m.GetCustomAttribute<PlannerHintsAttribute>()?.Hints)
            : null);
}
