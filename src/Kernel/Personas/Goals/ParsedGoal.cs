namespace LiveShop.Kernel.Personas.Goals;

/// <summary>A goal sentence understood: what to move, by how much, by when, under which limits, and how often.</summary>
public sealed record ParsedGoal
{
    /// <summary>The sentence as the person wrote it.</summary>
    public required string Text { get; init; }
    public required GoalObjective Objective { get; init; }
    /// <summary>Days the goal has to be reached in (for a work order: one cycle).</summary>
    public required int HorizonDays { get; init; }
    public required IReadOnlyList<GoalConstraint> Constraints { get; init; }
    /// <summary>Money the goal may commit in the store currency, when the sentence gave one.</summary>
    public decimal? Budget { get; init; }
    /// <summary>Set for recurring goals ("weekly", "every quarter"), which become work orders.</summary>
    public WorkOrderCadence? Cadence { get; init; }

    /// <summary>True when the goal recurs and is planned as a work order.</summary>
    public bool IsWorkOrder => Cadence is not null;
}

/// <summary>The metric a goal moves and the change it asks for.</summary>
public sealed record GoalObjective
{
    /// <summary>Canonical metric id, e.g. <c>net_profit</c>.</summary>
    public required string Metric { get; init; }
    public required MetricDirection Direction { get; init; }
    /// <summary>The size of the change, always positive (18 for "18 %").</summary>
    public required decimal TargetChange { get; init; }
    public required TargetUnit Unit { get; init; }
}

/// <summary>A limit the goal must respect, e.g. refund rate &lt; 3.5 %.</summary>
public sealed record GoalConstraint
{
    public required string Metric { get; init; }
    public required ComparisonOperator Operator { get; init; }
    public required decimal Threshold { get; init; }
    /// <summary><c>percent</c>, <c>days</c>, <c>currency</c> or <c>number</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>The constraint as a short formula, e.g. <c>refund_rate &lt; 3.5 percent</c>.</summary>
    public override string ToString() => $"{Metric} {OperatorText(Operator)} {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Unit}";

    /// <summary>The usual symbol for an operator.</summary>
    public static string OperatorText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };
}

/// <summary>Which way the objective metric should move.</summary>
public enum MetricDirection { Increase, Decrease }

/// <summary>Whether a target change is relative (percent) or an amount of money.</summary>
public enum TargetUnit { Percent, Currency }

/// <summary>How a constraint compares its metric with the threshold.</summary>
public enum ComparisonOperator { LessThan, LessOrEqual, GreaterThan, GreaterOrEqual }

/// <summary>How often a recurring goal (work order) runs.</summary>
public enum WorkOrderCadence { Daily, Weekly, Monthly, Quarterly }
