namespace LiveShop.Kernel.Actions.Definitions.WorkProducts;

/// <summary>An analysis filed for the team; it changes nothing in the business.</summary>
public sealed class AnalyzeDataAction : WorkProductAction
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "analyze_data";

    /// <summary>The one definition.</summary>
    public static AnalyzeDataAction Definition { get; } = new();

    private AnalyzeDataAction() : base(ActionName,
        "Files an analysis of business data (question, method and findings) for the team.") { }

    /// <inheritdoc />
    public override IReadOnlyList<FunctionArgument> Arguments { get; } =
    [
        FunctionArgument.Evidence("question", "The question analysed."),
        FunctionArgument.Evidence("findings", "The findings, with the figures behind them."),
    ];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["analyse the data and file the findings", "look into why sales dropped", "investigate the trend in returns"],
        ["analy", "investigate", "look into", "dig into", "findings"]);
}
