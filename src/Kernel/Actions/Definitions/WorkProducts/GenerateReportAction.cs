namespace LiveShop.Kernel.Actions.Definitions.WorkProducts;

/// <summary>A report filed for the team; it changes nothing in the business.</summary>
public sealed class GenerateReportAction : WorkProductAction
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "generate_report";

    /// <summary>The one definition.</summary>
    public static GenerateReportAction Definition { get; } = new();

    private GenerateReportAction() : base(ActionName,
        "Produces a business report (e.g. weekly sales, refunds, ad performance) and files it for the team.") { }

    /// <inheritdoc />
    public override IReadOnlyList<FunctionArgument> Arguments { get; } =
    [
        FunctionArgument.Evidence("topic", "What the report covers, e.g. 'weekly sales and refunds'."),
        FunctionArgument.Justification,
    ];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["produce a report on weekly sales", "make me a summary report of refunds", "file a report about ad spend"],
        ["report", "summary of"]);
}
