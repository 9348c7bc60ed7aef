using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Personas.Goals;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Personas;

public sealed class GoalPlannerTests
{
    private const string ExampleGoal = "increase net profit 18% over 30 days while keeping refund rate < 3.5% and SLA < 2.2 days";
    private static readonly PersonaCatalog Catalog = PersonaCatalogLoader.LoadDefault();
    private static readonly GoalPlanner Planner = new(Catalog);
    private static readonly GoalPlanningContext Context = new() { GoalId = Guid.Parse("6d1f7d1e-58f4-4a55-9a53-3f1f4a3c0c01"), PolicyVersion = new string('a', 64) };

    [Fact]
    public void Example_goal_parses_exactly()
    {
        var goal = GoalParser.Parse(ExampleGoal).Goal!;
        Assert.Equal("net_profit", goal.Objective.Metric);
        Assert.Equal(MetricDirection.Increase, goal.Objective.Direction);
        Assert.Equal(18m, goal.Objective.TargetChange);
        Assert.Equal(TargetUnit.Percent, goal.Objective.Unit);
        Assert.Equal(30, goal.HorizonDays);
        Assert.False(goal.IsWorkOrder);
        Assert.Equal(
            [
                new GoalConstraint { Metric = "refund_rate", Operator = ComparisonOperator.LessThan, Threshold = 3.5m, Unit = "percent" },
                new GoalConstraint { Metric = "sla_days", Operator = ComparisonOperator.LessThan, Threshold = 2.2m, Unit = "days" },
            ],
            goal.Constraints);
    }

    [Fact]
    public void Example_goal_becomes_tasks_for_the_right_personas()
    {
        var plan = Planner.Plan(ExampleGoal, Context).Plan!;
        Assert.Equal(["cfo", "ads_optimizer", "offer_architect", "returns_refunds", "threepl_coordinator", "ceo"], plan.Tasks.Select(t => t.OwnerAgent));

        var refunds = plan.Tasks.Single(t => t.OwnerAgent == "returns_refunds");
        Assert.Contains("constraint:refund_rate < 3.5 percent", refunds.Inputs.Records);
        Assert.Contains("below 3.5%", refunds.DoneDefinition);
        var sla = plan.Tasks.Single(t => t.OwnerAgent == "threepl_coordinator");
        Assert.Contains("below 2.2 days", sla.DoneDefinition);
    }

    [Fact]
    public void Tasks_have_the_standard_task_object_shape()
    {
        var plan = Planner.Plan(ExampleGoal, Context).Plan!;
        Assert.Equal(plan.Tasks.Count, plan.Tasks.Select(t => t.TaskId).Distinct().Count());
        Assert.All(plan.Tasks, task =>
        {
            var owner = Catalog.Get(task.OwnerAgent);
            Assert.Equal(Context.GoalId, task.GoalId);
            Assert.Equal("queued", task.Status);
            Assert.NotEmpty(task.RequiredTools);
            Assert.All(task.RequiredTools, tool => Assert.Contains(tool, owner.Functions));
            Assert.Equal(TimeSpan.FromDays(30), task.Constraints.TimeLimit);
            Assert.Equal(Context.PolicyVersion, task.Constraints.Policy);
            Assert.True(task.RiskLevel <= owner.MaxRisk);
            Assert.False(string.IsNullOrWhiteSpace(task.DoneDefinition));
            Assert.DoesNotContain("{", task.DoneDefinition);
            Assert.Contains($"goal:{Context.GoalId}", task.Inputs.Records);
            Assert.Empty(task.AuditLog);
        });
        Assert.Equal(RiskLevel.L2, plan.Tasks.Single(t => t.OwnerAgent == "ads_optimizer").RiskLevel);
        Assert.Equal(RiskLevel.L0, plan.Tasks.Single(t => t.OwnerAgent == "cfo").RiskLevel);
    }

    [Fact]
    public void Planning_is_pure_and_maps_onto_the_agent_task_entity()
    {
        var first = Planner.Plan(ExampleGoal, Context).Plan!;
        var second = Planner.Plan(ExampleGoal, Context).Plan!;
        Assert.Equal(first.Tasks.Select(t => t.TaskId), second.Tasks.Select(t => t.TaskId));

        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var entity = first.Tasks[1].ToAgentTask(now);
        Assert.Equal(first.Tasks[1].TaskId, entity.TaskId);
        Assert.Equal("ads_optimizer", entity.OwnerAgent);
        Assert.Equal("L2", entity.RiskLevel);
        Assert.Equal("queued", entity.Status);
        Assert.Contains(entity.Status, LiveShop.Memory.Data.Entities.Platform.AgentTask.Statuses);
        Assert.Equal(["get_ad_set_performance", "pause_ad_set", "scale_ad_set"], entity.RequiredTools);
        Assert.Equal(now, entity.CreatedAt);
    }

    [Fact]
    public void Budget_is_shared_between_the_tasks_that_spend()
    {
        var plan = Planner.Plan("grow revenue by 10% in 4 weeks with a budget of $3,000", Context).Plan!;
        Assert.Equal(28, plan.Goal.HorizonDays);
        Assert.Equal(3000m, plan.Goal.Budget);
        var spending = plan.Tasks.Where(t => t.Constraints.Budget is not null).ToList();
        Assert.Equal(["ads_optimizer"], spending.Select(t => t.OwnerAgent));
        Assert.Equal(3000m, spending[0].Constraints.Budget);
        Assert.Null(plan.Tasks.Single(t => t.OwnerAgent == "cro").Constraints.Budget);
    }

    [Theory]
    [InlineData("Weekly: grow revenue 5% while keeping ROAS above 2", WorkOrderCadence.Weekly, 7)]
    [InlineData("every quarter reduce refund rate by 10% while keeping SLA under 2 days", WorkOrderCadence.Quarterly, 90)]
    public void Recurring_goal_becomes_a_work_order(string text, WorkOrderCadence cadence, int horizon)
    {
        var plan = Planner.Plan(text, Context).Plan!;
        Assert.True(plan.IsWorkOrder);
        Assert.Equal(cadence, plan.Cadence);
        Assert.Equal(horizon, plan.Goal.HorizonDays);
        Assert.All(plan.Tasks, t => Assert.Equal(TimeSpan.FromDays(horizon), t.Constraints.TimeLimit));
    }

    [Fact]
    public void Decrease_goal_with_an_unowned_constraint_is_watched_by_the_ceo()
    {
        var plan = Planner.Plan("reduce refund rate 20% over 60 days while keeping conversion rate above 2.5%", Context).Plan!;
        Assert.Equal(MetricDirection.Decrease, plan.Goal.Objective.Direction);
        Assert.Equal(["returns_refunds", "sampling_qa", "ceo", "ceo"], plan.Tasks.Select(t => t.OwnerAgent));
        Assert.Contains(plan.Tasks, t => t.Title == "Constraint watch" && t.DoneDefinition.Contains("conversion_rate") && t.DoneDefinition.Contains("above 2.5%"));
    }

    [Theory]
    [InlineData("make things better", "metric")]
    [InlineData("increase net profit over 30 days", "target")]
    [InlineData("increase revenue 10%", "horizon")]
    [InlineData("increase revenue 10% over 30 days while keeping refund rate low", "threshold")]
    public void Unparseable_goal_asks_for_what_is_missing(string text, string missing)
    {
        var outcome = Planner.Plan(text, Context);
        Assert.Null(outcome.Plan);
        Assert.Contains(missing, outcome.Clarification);
        Assert.Contains("metric", outcome.Clarification);
        Assert.Contains("horizon", outcome.Clarification);
    }
}
