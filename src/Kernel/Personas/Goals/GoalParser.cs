using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveShop.Kernel.Personas.Goals;

/// <summary>The parser's answer: a goal, or the question to ask because metric, target or horizon is missing.</summary>
public sealed record GoalParseResult
{
    public ParsedGoal? Goal { get; init; }
    /// <summary>What to ask the person when <see cref="Goal"/> is null.</summary>
    public string? Clarification { get; init; }
    /// <summary>The parts that could not be read: <c>metric</c>, <c>target</c>, <c>horizon</c>, or a constraint.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];
}

/// <summary>
/// Pure parser for goal sentences such as "increase net profit 18% over 30 days while keeping refund rate &lt; 3.5%
/// and SLA &lt; 2.2 days"; recurring wording ("weekly", "every quarter") marks a work order.
/// </summary>
public static partial class GoalParser
{
    /// <summary>Parses <paramref name="text"/>; never throws on bad input.</summary>
    public static GoalParseResult Parse(string text)
    {
        var original = text.Trim();
        var lower = original.ToLowerInvariant().Replace('≤', '<').Replace('≥', '>');
        var missing = new List<string>();

        decimal? budget = null;
        var budgetMatch = BudgetPattern().Match(lower);
        if (budgetMatch.Success)
        {
            budget = Number(budgetMatch.Groups["amount"].Value);
            lower = lower.Remove(budgetMatch.Index, budgetMatch.Length).Insert(budgetMatch.Index, " ");
        }

        var cadence = ReadCadence(lower);
        var split = ConstraintIntroducer().Match(lower);
        var objectivePart = split.Success ? lower[..split.Index] : lower;
        var constraintPart = split.Success ? lower[(split.Index + split.Length)..] : "";

        var metric = GoalMetrics.Find(objectivePart);
        if (metric is null)
            missing.Add("metric");
        var direction = DecreaseVerb().IsMatch(objectivePart) ? MetricDirection.Decrease : MetricDirection.Increase;
        var target = ReadTarget(objectivePart);
        if (target is null)
            missing.Add("target");
        var horizon = ReadHorizon(lower) ?? CadenceDays(cadence);
        if (horizon is null)
            missing.Add("horizon");

        var constraints = new List<GoalConstraint>();
        foreach (var clause in ClauseSeparator().Split(constraintPart).Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            var constraint = ReadConstraint(clause);
            if (constraint is not null)
                constraints.Add(constraint);
            else if (GoalMetrics.Find(clause) is not null)
                missing.Add($"a threshold for '{clause}' (e.g. '< 3.5%')");
        }

        if (missing.Count > 0 || metric is null || target is null || horizon is null)
            return new GoalParseResult { Missing = missing, Clarification = Clarify(missing) };

        return new GoalParseResult
        {
            Goal = new ParsedGoal
            {
                Text = original,
                Objective = new GoalObjective { Metric = metric, Direction = direction, TargetChange = target.Value.Value, Unit = target.Value.Unit },
                HorizonDays = horizon.Value,
                Constraints = constraints,
                Budget = budget,
                Cadence = cadence,
            },
        };
    }

    private static string Clarify(IReadOnlyList<string> missing) =>
        "I could not turn that into a goal yet. I need the metric to move (e.g. net profit, revenue, refund rate), " +
        "the target change (e.g. 18% or $5,000) and the horizon (e.g. over 30 days); constraints need a threshold. " +
        $"Missing: {string.Join("; ", missing)}. For example: \"increase net profit 18% over 30 days while keeping refund rate < 3.5%\".";

    private static (decimal Value, TargetUnit Unit)? ReadTarget(string objective)
    {
        var percent = PercentPattern().Match(objective);
        if (percent.Success)
            return (Number(percent.Groups["value"].Value), TargetUnit.Percent);
        var money = MoneyPattern().Match(objective);
        return money.Success ? (Number(money.Groups["amount"].Value), TargetUnit.Currency) : null;
    }

    private static int? ReadHorizon(string text)
    {
        var match = HorizonPattern().Match(text);
        if (match.Success)
        {
            var count = int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
            return count * UnitDays(match.Groups["unit"].Value);
        }
        var named = NamedHorizon().Match(text);
        return named.Success ? UnitDays(named.Groups["unit"].Value) : null;
    }

    private static int UnitDays(string unit) => unit switch
    {
        var u when u.StartsWith("week", StringComparison.Ordinal) => 7,
        var u when u.StartsWith("month", StringComparison.Ordinal) => 30,
        var u when u.StartsWith("quarter", StringComparison.Ordinal) => 90,
        var u when u.StartsWith("year", StringComparison.Ordinal) => 365,
        _ => 1,
    };

    private static WorkOrderCadence? ReadCadence(string text)
    {
        var match = CadencePattern().Match(text);
        if (!match.Success)
            return null;
        var word = match.Value;
        return word.Contains("day", StringComparison.Ordinal) || word.Contains("daily", StringComparison.Ordinal) ? WorkOrderCadence.Daily
            : word.Contains("week", StringComparison.Ordinal) ? WorkOrderCadence.Weekly
            : word.Contains("month", StringComparison.Ordinal) ? WorkOrderCadence.Monthly
            : WorkOrderCadence.Quarterly;
    }

    /// <summary>Length of one cycle of a cadence in days, or null for none.</summary>
    public static int? CadenceDays(WorkOrderCadence? cadence) => cadence switch
    {
        WorkOrderCadence.Daily => 1,
        WorkOrderCadence.Weekly => 7,
        WorkOrderCadence.Monthly => 30,
        WorkOrderCadence.Quarterly => 90,
        _ => null,
    };

    private static GoalConstraint? ReadConstraint(string clause)
    {
        var metric = GoalMetrics.Find(clause);
        var match = ComparisonPattern().Match(clause);
        if (metric is null || !match.Success)
            return null;
        var unitText = match.Groups["unit"].Value;
        var unit = unitText switch
        {
            "%" or "percent" => "percent",
            var u when u.StartsWith("day", StringComparison.Ordinal) => "days",
            _ when match.Groups["currency"].Success => "currency",
            _ => "number",
        };
        return new GoalConstraint { Metric = metric, Operator = Operator(match.Groups["op"].Value), Threshold = Number(match.Groups["value"].Value), Unit = unit };
    }

    private static ComparisonOperator Operator(string op) => op switch
    {
        "<" or "below" or "under" or "less than" or "lower than" => ComparisonOperator.LessThan,
        "<=" or "at most" or "no more than" => ComparisonOperator.LessOrEqual,
        ">" or "above" or "over" or "more than" or "higher than" => ComparisonOperator.GreaterThan,
        _ => ComparisonOperator.GreaterOrEqual,
    };

    private static decimal Number(string text) => decimal.Parse(text.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(?:while(?:\s+keeping)?|keeping|provided|as long as|without letting|with)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConstraintIntroducer();

    [GeneratedRegex(@"\s*(?:,|;|\band\b)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseSeparator();

    [GeneratedRegex(@"\b(?:reduce|cut|lower|decrease|drop|shrink|bring down)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DecreaseVerb();

    [GeneratedRegex(@"(?<value>\d+(?:\.\d+)?)\s*(?:%|percent\b)", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"\$\s?(?<amount>\d[\d,]*(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"(?:,\s*|\b(?:with\s+)?(?:an?\s+)?)budget\s+(?:of\s+|is\s+|:\s*)?\$?\s?(?<amount>\d[\d,]*(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex BudgetPattern();

    [GeneratedRegex(@"\b(?:over|in|within|for|during|across|by the end of)\s+(?:the\s+)?(?:next\s+)?(?<count>\d+)\s*(?<unit>days?|weeks?|months?|quarters?|years?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HorizonPattern();

    [GeneratedRegex(@"\b(?:this|next|the next|in a|within a|over a|over the next)\s+(?<unit>week|month|quarter|year)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamedHorizon();

    [GeneratedRegex(@"\b(?:daily|every day|each day|weekly|every week|each week|per week|monthly|every month|each month|quarterly|every quarter|each quarter)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CadencePattern();

    [GeneratedRegex(@"(?<op><=|>=|<|>|at most|no more than|at least|no less than|below|under|less than|lower than|above|over|more than|higher than)\s*(?<currency>\$)?\s*(?<value>\d[\d,]*(?:\.\d+)?)\s*(?<unit>%|percent\b|days?\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex ComparisonPattern();
}
