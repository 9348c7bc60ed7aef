namespace LiveShop.Kernel.Actions.Definitions.WorkProducts;

/// <summary>A recommendation filed for the founder; it changes nothing by itself.</summary>
public sealed class CreateRecommendationAction : WorkProductAction
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "create_recommendation";

    /// <summary>The one definition.</summary>
    public static CreateRecommendationAction Definition { get; } = new();

    private CreateRecommendationAction() : base(ActionName,
        "Files a recommendation for the founder to consider; it changes nothing by itself.") { }

    /// <inheritdoc />
    public override IReadOnlyList<FunctionArgument> Arguments { get; } =
    [
        FunctionArgument.Evidence("recommendation", "The recommendation, in one or two sentences."),
        FunctionArgument.Evidence("rationale", "The reasoning and figures behind it."),
    ];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["recommend that we change something and explain why", "file a recommendation for the founder", "suggest an improvement"],
        ["recommend", "suggest", "proposal", "propose"]);
}
