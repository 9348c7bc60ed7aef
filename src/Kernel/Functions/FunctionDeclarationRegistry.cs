using LiveShop.Kernel.Actions.Definitions;
using System.Reflection;
using LiveShop.Kernel.Verification;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Functions;

/// <summary>A plugin function whose declaration is missing or wrong, and why; such a function is refused at call time.</summary>
public sealed record DeclarationProblem(string QualifiedName, string Problem)
{
    /// <summary>The problem as one line.</summary>
    public override string ToString() => $"{QualifiedName}: {Problem}";
}

/// <summary>
/// Every plugin function's declaration, read once from the attributes next to each method and keyed by plugin and
/// function name. Functions without a valid declaration are listed in <see cref="Problems"/> and have no entry.
/// </summary>
public sealed class FunctionDeclarationRegistry
{
    private readonly Dictionary<(string Plugin, string Function), FunctionDeclaration> _declarations;

    private FunctionDeclarationRegistry(Dictionary<(string, string), FunctionDeclaration> declarations, IReadOnlyList<DeclarationProblem> problems)
    {
        _declarations = declarations;
        Problems = problems;
    }

    /// <summary>Functions that are undeclared or declared wrongly.</summary>
    public IReadOnlyList<DeclarationProblem> Problems { get; }

    /// <summary>Every valid declaration.</summary>
    public IEnumerable<FunctionDeclaration> Declarations => _declarations.Values;

    /// <summary>Reads the declarations of every function of <paramref name="plugins"/>.</summary>
    public static FunctionDeclarationRegistry Build(IEnumerable<KernelPlugin> plugins)
    {
        var declarations = new Dictionary<(string, string), FunctionDeclaration>();
        var problems = new List<DeclarationProblem>();
        foreach (var plugin in plugins)
        {
            foreach (var function in plugin)
            {
                var qualified = FunctionNames.Qualify(plugin.Name, function.Name);
                var (declaration, problem) = Declare(plugin.Name, function);
                if (problem is not null) problems.Add(new DeclarationProblem(qualified, problem));
                else if (!declarations.TryAdd((plugin.Name, function.Name), declaration!))
                    problems.Add(new DeclarationProblem(qualified, "declared twice (two plugins share a name)"));
            }
        }
        return new FunctionDeclarationRegistry(declarations, problems);
    }

    /// <summary>The declaration of a function, when it has a valid one.</summary>
    public bool TryGet(string? pluginName, string functionName, out FunctionDeclaration declaration) =>
        _declarations.TryGetValue((pluginName ?? "", functionName), out declaration!);

    private static (FunctionDeclaration? Declaration, string? Problem) Declare(string pluginName, KernelFunction function)
    {
        if (WorldActionFunctions.ActionOf(function) is { } generated)
        {
            var definition = ActionCatalog.Find(generated)!;
            return (new FunctionDeclaration
            {
                PluginName = pluginName,
                FunctionName = function.Name,
                Kind = FunctionKind.WorldAction,
                Action = generated,
                ParameterMap = definition.Parameters.Where(p => definition.Arguments.Any(a => a.Name == p.Name)).ToDictionary(p => p.Name, p => p.Name, StringComparer.Ordinal),
            }, null);
        }
        var method = function.UnderlyingMethod;
        if (method is null) return (null, "not a method function, so it carries no declaration");
        var worldAction = method.GetCustomAttribute<WorldActionAttribute>();
        var readOnly = method.GetCustomAttribute<ReadOnlyFunctionAttribute>() is not null;
        if (worldAction is null && !readOnly)
            return (null, "undeclared: mark the method [WorldAction(\"action_name\")] or [ReadOnlyFunction]");
        if (worldAction is not null && readOnly)
            return (null, "declared both read-only and world-changing");
        if (readOnly)
            return (new FunctionDeclaration { PluginName = pluginName, FunctionName = function.Name, Kind = FunctionKind.ReadOnly }, null);

        var action = worldAction!.Action;
        var specs = ActionCatalog.ParametersOf(action);
        if (specs is null) return (null, $"declares the unknown action '{action}'");

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = method.GetParameters().Where(p => p.Name is not null).ToDictionary(p => p.Name!, StringComparer.Ordinal);
        foreach (var argument in function.Metadata.Parameters)
        {
            var target = byName.TryGetValue(argument.Name, out var info) && info.GetCustomAttribute<ActionParameterAttribute>() is { } renamed
                ? renamed.Name
                : argument.Name;
            if (specs.Any(s => s.Name == target)) map[argument.Name] = target;
            else if (target != argument.Name) return (null, $"maps argument '{argument.Name}' to '{target}', which {action} does not take");
        }
        var missing = specs.Where(s => s.Required && !map.ContainsValue(s.Name)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
            return (null, $"takes no argument for the required parameter(s) {string.Join(", ", missing)} of {action}");

        return (new FunctionDeclaration
        {
            PluginName = pluginName,
            FunctionName = function.Name,
            Kind = FunctionKind.WorldAction,
            Action = action,
            ParameterMap = map,
        }, null);
    }
}
