using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions.Memory;

/// <summary>A persona's conclusion written to long-term memory (L0 in the policy): the memory store validates scope and key itself.</summary>
public sealed class RememberAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "remember";

    /// <summary>The one definition.</summary>
    public static RememberAction Definition { get; } = new();

    private RememberAction() : base(ActionName, "Memory",
        "Remembers a conclusion for later (a lesson, a decision and its outcome). Use scope 'persona' for your own notes, "
        + "'product' or 'supplier' with its id, 'business' for what everyone should know. Give the evidence.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("content", ParameterKind.Text, Description: "The conclusion in one or two sentences, with the figures behind it."),
        new("scope", ParameterKind.Text, Description: "'business', 'persona', 'product' or 'supplier'."),
        new("scope_key", ParameterKind.Id, Required: false, Description: "The product id or supplier id for those scopes; not needed for 'business' or 'persona'."),
        new("evidence", ParameterKind.Text, Required: false, Description: "What supports the conclusion: record ids, figures, the conversation."),
    ];
    /// <summary>The evidence is a parameter of its own, so no separate justification.</summary>
    public override IReadOnlyList<FunctionArgument> Arguments => [.. Parameters.Select(FunctionArgument.For)];
    /// <inheritdoc />
    public override string IrreversibleBecause => "memories are corrected or deleted by the founder in the console";
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["remember this conclusion for later", "make a note of this lesson", "note that the discount did not work"],
        ["remember", "make a note", "note that", "keep in mind"]);
}
