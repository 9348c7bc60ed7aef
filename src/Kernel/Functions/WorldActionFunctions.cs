using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Reflection;
using LiveShop.Kernel.Actions.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Functions;

/// <summary>
/// The model-facing function of each world-changing action, generated from its <see cref="ActionDefinition"/> (name,
/// description, arguments) and added to the plugin the definition names, so no plugin repeats an action by hand.
/// </summary>
public static class WorldActionFunctions
{
    /// <summary>The metadata key that carries the action name of a generated function.</summary>
    public const string ActionProperty = "liveshop.action";

    /// <summary>
    /// What the function's own body returns. The proof filter never lets the body run — the tool gateway executes the
    /// action through a connector — so seeing this text means a kernel without the filter was used.
    /// </summary>
    public const string NotExecuted =
        "not executed: this action runs only through the proof filter and the tool gateway, and this kernel has no proof filter";

    /// <summary>
    /// The plugin of <paramref name="registration"/>: its own methods (read-only look-ups) and the generated function of
    /// every action defined for it. A plugin may hold only actions; its class then just names and describes it.
    /// </summary>
    public static KernelPlugin PluginOf(PluginRegistration registration, ILoggerFactory? loggerFactory)
    {
        var type = registration.Instance.GetType();
        var generated = ActionCatalog.All.Where(d => d.Plugin == registration.Name).Select(d => Create(d, loggerFactory)).ToArray();
        var hasMethods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Any(m => m.GetCustomAttribute<KernelFunctionAttribute>() is not null);
        if (!hasMethods)
            return KernelPluginFactory.CreateFromFunctions(registration.Name, type.GetCustomAttribute<DescriptionAttribute>()?.Description, generated);
        var own = KernelPluginFactory.CreateFromObject(registration.Instance, registration.Name, loggerFactory);
        return generated.Length == 0 ? own : KernelPluginFactory.CreateFromFunctions(own.Name, own.Description, [.. own, .. generated]);
    }

    /// <summary>The model-facing function of one action.</summary>
    public static KernelFunction Create(ActionDefinition definition, ILoggerFactory? loggerFactory = null) =>
        KernelFunctionFactory.CreateFromMethod(Body, new KernelFunctionFromMethodOptions
        {
            FunctionName = definition.Name,
            Description = definition.Description,
            Parameters = [.. definition.Arguments.Select(a => new KernelParameterMetadata(a.Name)
            {
                Description = a.Description, ParameterType = a.Type, IsRequired = a.Required,
            })],
            ReturnParameter = new KernelReturnParameterMetadata { ParameterType = typeof(string) },
            AdditionalMetadata = new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?> { [ActionProperty] = definition.Name }),
            LoggerFactory = loggerFactory,
        });

    /// <summary>The action a generated function stands for, or null for any other function.</summary>
    public static string? ActionOf(KernelFunction function) =>
        function.Metadata.AdditionalProperties.TryGetValue(ActionProperty, out var action) ? action as string : null;

    private static readonly Func<KernelArguments, string> Body = _ => NotExecuted;
}
