using System.Globalization;
using System.Text;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Kernel.Actions.Definitions.WorkProducts;

namespace LiveShop.Kernel.Orchestration.GoalWork;

/// <summary>Runs one claimed task and says what came of it.</summary>
public interface ITaskTurn
{
    /// <summary>Runs <paramref name="task"/> of <paramref name="goal"/>; never throws for a task that failed, only when cancelled.</summary>
    Task<TaskTurnOutcome> RunAsync(AgentTask task, Goal goal, CancellationToken cancellationToken);
}

/// <summary>
/// Runs a task as a chat turn of its owner persona on behalf of the goal's creator: goals are off (a task cannot spawn
/// goals) and the kernel holds only the task's planned tools, so every call still passes the proof filter.
/// </summary>
public sealed class ChatTaskTurn(ChatTurnService turns) : ITaskTurn
{
    /// <inheritdoc />
    public async Task<TaskTurnOutcome> RunAsync(AgentTask task, Goal goal, CancellationToken cancellationToken)
    {
        try
        {
            var result = await turns.RunAsync(new ChatTurnRequest
            {
                Message = MessageFor(task, goal),
                User = goal.CreatedBy,
                Persona = task.OwnerAgent,
                AllowGoals = false,
                OnlyFunctions = task.RequiredTools.Count == 0 ? null : task.RequiredTools,
            }, cancellationToken);
            return TaskTurnOutcome.Of(result);
        }
        catch (ChatTurnException e)
        {
            return TaskTurnOutcome.Failed($"the turn was refused: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return TaskTurnOutcome.Failed($"the turn failed: {e.Message}");
        }
    }

    /// <summary>
    /// The instruction the persona gets: the done definition (what to achieve) and the goal it serves; a task planned
    /// with a report asks for it by name, so the deliverable is filed where the team sees it.
    /// </summary>
    public static string MessageFor(AgentTask task, Goal goal)
    {
        var deliverable = task.DoneDefinition.Trim().TrimEnd('.');
        var text = new StringBuilder(task.RequiredTools.Contains(GenerateReportAction.ActionName) ? $"Report on {deliverable}" : deliverable);
        text.Append(" (task for the goal: ").Append(goal.Text.Trim().TrimEnd('.')).Append(").");
        if (task.Constraints.Budget is { } budget) text.Append(" Budget: $").Append(budget.ToString("0.00", CultureInfo.InvariantCulture)).Append('.');
        return text.ToString();
    }
}
