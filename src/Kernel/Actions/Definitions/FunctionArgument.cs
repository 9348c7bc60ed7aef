using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions;

/// <summary>One argument of an action's model-facing function.</summary>
/// <param name="Name">The argument name the model fills in (snake_case, as the contract writes parameters).</param>
/// <param name="Type">The .NET type its JSON schema is generated from.</param>
/// <param name="Description">What to put in it, with an example.</param>
/// <param name="Required">Whether the model must fill it in.</param>
public sealed record FunctionArgument(string Name, Type Type, string Description, bool Required)
{
    /// <summary>The optional argument every world-changing function offers, recorded as evidence for the approver.</summary>
    public static FunctionArgument Justification { get; } = new("justification", typeof(string),
        "Why you propose this, with the figures you relied on. Recorded as evidence for the approver; the verifier checks the facts itself.",
        Required: false);

    /// <summary>The argument that fills one contract parameter; an optional number or flag may be left empty.</summary>
    public static FunctionArgument For(ParameterSpec parameter)
    {
        var type = TypeOf(parameter.Kind);
        if (!parameter.Required && type.IsValueType) type = typeof(Nullable<>).MakeGenericType(type);
        return new FunctionArgument(parameter.Name, type, parameter.Description, parameter.Required);
    }

    // The JSON schema type the model is offered; objects arrive from the model as JSON text.
    private static Type TypeOf(ParameterKind kind) => kind switch
    {
        ParameterKind.Number or ParameterKind.Money => typeof(decimal),
        ParameterKind.WholeNumber => typeof(int),
        ParameterKind.Flag => typeof(bool),
        _ => typeof(string),
    };

    /// <summary>A free-text argument that is recorded as evidence (not a contract parameter).</summary>
    public static FunctionArgument Evidence(string name, string description, bool required = true) =>
        new(name, typeof(string), description, required);
}
