using System.Globalization;
using System.Text;
using LiveShop.Kernel.Personas.Goals;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Orchestration;

/// <summary>A goal with its tasks as <c>GET /api/goals/{id}</c> shows it; tasks are Standard Task Objects (CONTRACTS.md §4).</summary>
public sealed record GoalView(Guid GoalId, string Text, string Status, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<AgentTask> Tasks);

/// <summary>Turns a chat message that reads as a goal into a persisted Goal with queued tasks, and reads goals back.</summary>
public sealed class GoalIntake(IDbContextFactory<LiveShopDbContext> contexts, GoalPlanner planner, PolicyInForce policies, TimeProvider time)
{
    /// <summary>The plan for <paramref name="message"/>, or null when it does not read as a complete goal.</summary>
    public GoalPlan? TryPlan(string message)
    {
        var parsed = GoalParser.Parse(message);
        return parsed.Goal is null
            ? null
            : planner.Plan(parsed.Goal, new GoalPlanningContext { GoalId = Guid.NewGuid(), PolicyVersion = policies.Current.Version });
    }

    /// <summary>Stores the goal (status <c>active</c>) and its tasks (status <c>queued</c>) in one transaction.</summary>
    public async Task SaveAsync(GoalPlan plan, string createdBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        db.Goals.Add(new Goal { Id = plan.GoalId, Text = plan.Goal.Text, CreatedBy = createdBy, CreatedAt = now, Status = "active" });
        db.AgentTasks.AddRange(plan.Tasks.Select(t => t.ToAgentTask(now)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The goal and its tasks, or null.</summary>
    public async Task<GoalView?> FindAsync(Guid goalId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var goal = await db.Goals.AsNoTracking().SingleOrDefaultAsync(g => g.Id == goalId, cancellationToken);
        if (goal is null) return null;
        var tasks = await db.AgentTasks.AsNoTracking().Where(t => t.GoalId == goalId).OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId).ToListAsync(cancellationToken);
        return new GoalView(goal.Id, goal.Text, goal.Status, goal.CreatedBy, goal.CreatedAt, tasks);
    }

    /// <summary>The most recent goals with their tasks, newest first (two queries, whatever the count).</summary>
    public async Task<IReadOnlyList<GoalView>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var goals = await db.Goals.AsNoTracking().OrderByDescending(g => g.CreatedAt).Take(limit).ToListAsync(cancellationToken);
        var ids = goals.Select(g => g.Id).ToList();
        var tasks = (await db.AgentTasks.AsNoTracking().Where(t => t.GoalId != null && ids.Contains(t.GoalId.Value))
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId).ToListAsync(cancellationToken))
            .ToLookup(t => t.GoalId!.Value);
        return [.. goals.Select(g => new GoalView(g.Id, g.Text, g.Status, g.CreatedBy, g.CreatedAt, [.. tasks[g.Id]]))];
    }

    /// <summary>The reply that presents a plan.</summary>
    public static string Describe(GoalPlan plan)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Goal recorded ({(plan.IsWorkOrder ? $"work order, {plan.Cadence}" : $"{plan.Goal.HorizonDays} days")}), id {plan.GoalId}. ");
        text.Append(CultureInfo.InvariantCulture, $"{plan.Tasks.Count} task(s) queued:");
        foreach (var task in plan.Tasks)
            text.Append(CultureInfo.InvariantCulture, $"\n- {task.OwnerAgent}: {task.Title} (up to {task.RiskLevel}; done when {task.DoneDefinition})");
        return text.ToString();
    }
}
