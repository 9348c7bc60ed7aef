using System.Text.Json;
using LiveShop.Kernel.Functions;
using LiveShop.Memory.Serialization;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Orchestration;

/// <summary>A tool call the model made during a turn, read back from the chat history.</summary>
public sealed record ModelToolCall(string? Id, string? PluginName, string FunctionName, JsonElement Arguments)
{
    /// <summary>The wire name, <c>Plugin-function</c>.</summary>
    public string QualifiedName => FunctionNames.Qualify(PluginName, FunctionName);
}

/// <summary>
/// Reads the tool calls of a turn from its chat history. Semantic Kernel answers a call to a function the kernel does not
/// hold by itself — no filter sees it — so this is where invented names and calls outside a persona's set are caught.
/// </summary>
public static class TurnToolCalls
{
    /// <summary>Every tool call in <paramref name="history"/> from message <paramref name="fromIndex"/> on.</summary>
    public static IReadOnlyList<ModelToolCall> Read(ChatHistory history, int fromIndex) =>
    [
        .. history.Skip(fromIndex)
            .SelectMany(m => m.Items.OfType<FunctionCallContent>())
            .Select(c => new ModelToolCall(c.Id, c.PluginName, c.FunctionName, ArgumentsOf(c.Arguments))),
    ];

    /// <summary>The calls naming a function <paramref name="kernel"/> does not hold.</summary>
    public static IEnumerable<ModelToolCall> NotInKernel(IEnumerable<ModelToolCall> calls, Microsoft.SemanticKernel.Kernel kernel) =>
        calls.Where(c => !kernel.Plugins.TryGetFunction(c.PluginName, c.FunctionName, out _));

    /// <summary>The refusal for a call the kernel could not resolve: outside the persona when the product has the function, else undeclared.</summary>
    public static FunctionRefusal RefusalFor(ModelToolCall call, CallerIdentity caller, FunctionDeclarationRegistry declarations)
    {
        var exists = declarations.TryGet(call.PluginName, call.FunctionName, out _);
        return new FunctionRefusal
        {
            Function = call.QualifiedName,
            Plugin = call.PluginName,
            Persona = caller.Persona,
            RequestedBy = caller.RequestedBy,
            ToolCallId = call.Id,
            Reason = exists ? RefusalReason.OutsidePersona : RefusalReason.Undeclared,
            Detail = exists
                ? $"refused: {call.QualifiedName} is outside what the persona {caller.Persona} may call; nothing was done"
                : $"refused: the model called {call.QualifiedName}, which does not exist; nothing was done",
        };
    }

    private static JsonElement ArgumentsOf(KernelArguments? arguments)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments ?? [])
            values[name] = value is JsonElement or string or null ? value : value.ToString();
        return JsonSerializer.SerializeToElement(values, JsonDefaults.Options);
    }
}
