using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Kernel.Personas.Goals;

/// <summary>
/// Pure goal decomposition: a goal sentence becomes Standard Task Objects assigned to personas by
/// <see cref="TaskAssignmentRules"/>, each queued with tools from its owner's functions, limits and a done definition.
/// </summary>
public sealed class GoalPlanner
{
    private readonly PersonaCatalog _catalog;

    /// <summary>Checks once that every rule's owner exists and holds the rule's tools, so a plan can never exceed least privilege.</summary>
    public GoalPlanner(PersonaCatalog catalog)
    {
        _catalog = catalog;
        var problems = new List<string>();
        foreach (var rule in TaskAssignmentRules.All)
        {
            var owner = catalog.Find(rule.Persona);
            if (owner is null)
                problems.Add($"task '{rule.Title}' is assigned to unknown persona '{rule.Persona}'");
            else
                problems.AddRange(rule.Tools.Where(t => !owner.Functions.Contains(t)).Select(t => $"task '{rule.Title}' needs '{t}', which {rule.Persona} may not call"));
        }
        if (problems.Count > 0)
            throw new PersonaCatalogException($"The goal planner's task rules do not fit the persona catalog: {string.Join("; ", problems)}");
    }

    /// <summary>Parses and plans <paramref name="goalText"/>, or returns the question to ask when it cannot be parsed.</summary>
    public GoalPlanningOutcome Plan(string goalText, GoalPlanningContext context)
    {
        var parsed = GoalParser.Parse(goalText);
        return parsed.Goal is null
            ? new GoalPlanningOutcome { Clarification = parsed.Clarification }
            : new GoalPlanningOutcome { Plan = Plan(parsed.Goal, context) };
    }

    /// <summary>Decomposes a parsed goal into queued tasks.</summary>
    public GoalPlan Plan(ParsedGoal goal, GoalPlanningContext context)
    {
        var assignments = new List<(TaskRule Rule, GoalConstraint? Guarded)>();
        void Add(TaskRule rule, GoalConstraint? guarded)
        {
            var existing = assignments.FindIndex(a => a.Rule == rule);
            if (existing < 0)
                assignments.Add((rule, guarded));
            else if (guarded is not null && assignments[existing].Guarded is null)
                assignments[existing] = (rule, guarded);
        }

        foreach (var rule in TaskAssignmentRules.ByObjective.GetValueOrDefault(goal.Objective.Metric, []))
            Add(rule, goal.Constraints.FirstOrDefault(c => TaskAssignmentRules.ByConstraint.GetValueOrDefault(c.Metric) == rule));
        foreach (var constraint in goal.Constraints)
            Add(TaskAssignmentRules.ByConstraint.GetValueOrDefault(constraint.Metric) ?? TaskAssignmentRules.GenericConstraintWatch, constraint);
        Add(TaskAssignmentRules.ProgressTracking, null);

        var spendingTasks = assignments.Count(a => a.Rule.Tools.Any(ActionRiskCeiling.Spending.Contains));
        var budgetShare = goal.Budget is { } budget && spendingTasks > 0 ? Math.Round(budget / spendingTasks, 2) : (decimal?)null;

        var tasks = assignments.Select((assignment, index) => BuildTask(goal, context, assignment.Rule, assignment.Guarded, index, budgetShare)).ToList();
        return new GoalPlan { GoalId = context.GoalId, Goal = goal, Tasks = tasks };
    }

    private StandardTask BuildTask(ParsedGoal goal, GoalPlanningContext context, TaskRule rule, GoalConstraint? guarded, int index, decimal? budgetShare)
    {
        var owner = _catalog.Get(rule.Persona);
        var spends = rule.Tools.Any(ActionRiskCeiling.Spending.Contains);
        var risk = rule.Tools.Select(ActionRiskCeiling.Of).DefaultIfEmpty().Max();
        var records = new List<string> { $"goal:{context.GoalId}", $"metric:{goal.Objective.Metric}" };
        if (guarded is not null)
            records.Add($"constraint:{guarded}");

        return new StandardTask
        {
            TaskId = TaskIdFor(context.GoalId, index, rule),
            GoalId = context.GoalId,
            OwnerAgent = owner.Name,
            Title = rule.Title,
            Inputs = new TaskInputs { Records = records },
            RequiredTools = [.. rule.Tools],
            Constraints = new TaskConstraints
            {
                Budget = spends ? budgetShare : null,
                TimeLimit = TimeSpan.FromDays(goal.HorizonDays),
                Policy = context.PolicyVersion,
            },
            // A task never plans above what its owner may propose.
            RiskLevel = risk > owner.MaxRisk ? owner.MaxRisk : risk,
            DoneDefinition = Fill(rule.DoneDefinition, goal, guarded),
        };
    }

    private static string Fill(string template, ParsedGoal goal, GoalConstraint? guarded)
    {
        var objective = goal.Objective;
        var target = objective.Unit == TargetUnit.Percent
            ? $"{(objective.Direction == MetricDirection.Increase ? "+" : "-")}{objective.TargetChange.ToString(CultureInfo.InvariantCulture)}%"
            : $"{(objective.Direction == MetricDirection.Increase ? "+" : "-")}${objective.TargetChange.ToString("#,0.##", CultureInfo.InvariantCulture)}";
        var limit = guarded is null ? "within policy" : $"{ComparisonWords(guarded.Operator)} {guarded.Threshold.ToString(CultureInfo.InvariantCulture)}{UnitSuffix(guarded.Unit)}";
        return template
            .Replace("{metric}", guarded?.Metric ?? objective.Metric, StringComparison.Ordinal)
            .Replace("{target}", target, StringComparison.Ordinal)
            .Replace("{horizon}", goal.HorizonDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{limit}", limit, StringComparison.Ordinal);
    }

    private static string ComparisonWords(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => "below",
        ComparisonOperator.LessOrEqual => "at or below",
        ComparisonOperator.GreaterThan => "above",
        _ => "at or above",
    };

    private static string UnitSuffix(string unit) => unit switch { "percent" => "%", "days" => " days", _ => "" };

    // Deterministic ids keep the planner pure: the same goal id and plan give the same task ids.
    private static Guid TaskIdFor(Guid goalId, int index, TaskRule rule)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{goalId:N}/{index}/{rule.Persona}/{rule.Title}"));
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
