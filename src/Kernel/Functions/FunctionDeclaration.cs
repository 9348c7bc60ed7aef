using LiveShop.Kernel.Actions.Definitions.Refunds;
namespace LiveShop.Kernel.Functions;

/// <summary>Whether a declared function only reads or changes the world.</summary>
public enum FunctionKind
{
    /// <summary>Reads only (L0); runs directly.</summary>
    ReadOnly,

    /// <summary>Changes the world; runs only through the action pipeline with a proof.</summary>
    WorldAction,
}

/// <summary>What the proof filter knows about one plugin function: its kind, its contract action and how its arguments map to the packet.</summary>
public sealed record FunctionDeclaration
{
    /// <summary>The plugin the function belongs to, e.g. <c>Commerce</c>.</summary>
    public required string PluginName { get; init; }

    /// <summary>The function's name as the kernel knows it, e.g. <see cref="RefundOrderAction"/>.</summary>
    public required string FunctionName { get; init; }

    /// <summary>Read-only or world-changing.</summary>
    public required FunctionKind Kind { get; init; }

    /// <summary>The contract action of a world-changing function; null for a read-only one.</summary>
    public string? Action { get; init; }

    /// <summary>Function argument name → action parameter name, for every argument that fills a parameter.</summary>
    public IReadOnlyDictionary<string, string> ParameterMap { get; init; } = new Dictionary<string, string>();

    /// <summary>The name the model and the audit trail see, <c>Plugin-function</c> (the wire form of a tool name).</summary>
    public string QualifiedName => FunctionNames.Qualify(PluginName, FunctionName);
}

/// <summary>The one spelling of a function's qualified name.</summary>
public static class FunctionNames
{
    /// <summary><c>Plugin-function</c>, or the bare function name when it belongs to no plugin.</summary>
    public static string Qualify(string? pluginName, string functionName) =>
        string.IsNullOrEmpty(pluginName) ? functionName : $"{pluginName}-{functionName}";
}
