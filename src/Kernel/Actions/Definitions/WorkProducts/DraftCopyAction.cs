namespace LiveShop.Kernel.Actions.Definitions.WorkProducts;

/// <summary>Marketing copy drafted for review; nothing is published.</summary>
public sealed class DraftCopyAction : WorkProductAction
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "draft_copy";

    /// <summary>The one definition.</summary>
    public static DraftCopyAction Definition { get; } = new();

    private DraftCopyAction() : base(ActionName,
        "Drafts marketing copy (a listing, an ad, an email) for review; nothing is published.") { }

    /// <inheritdoc />
    public override IReadOnlyList<FunctionArgument> Arguments { get; } =
    [
        FunctionArgument.Evidence("brief", "What to write, e.g. 'product description for p_3'."),
        FunctionArgument.Evidence("text", "The draft text."),
    ];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["draft marketing copy for review", "write an ad headline", "draft an email to customers"],
        ["draft", "copy", "headline", "caption", "tagline", "blurb", "slogan", "subject line", "compose", "write a ", "write an "]);
}
