using System.Text.Json;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Orchestration;
using LiveShop.Kernel.Orchestration.GoalWork;

namespace LiveShop.Kernel.Tests.Orchestration;

public sealed class TaskTurnOutcomeTests
{
    private static readonly JsonElement NoArguments = JsonDocument.Parse("{}").RootElement;

    private static ChatAction Action(string function, string status, Guid? approval = null) => new()
    {
        Function = function, Arguments = NoArguments, Decision = status == "denied" ? "deny" : "allow", Status = status, CalledAs = "P-" + function,
        Message = $"{function} {status}", ApprovalId = approval, ActionId = "a_" + function,
    };

    private static ChatTurnResult Turn(int calls, params ChatAction[] actions) => new()
    {
        ConversationId = Guid.NewGuid(), Persona = "cfo", Reply = "Which order do you mean?", Actions = actions, Model = "offline planner", FunctionCalls = calls,
    };

    [Fact]
    public void Executed_actions_finish_the_task()
    {
        var outcome = TaskTurnOutcome.Of(Turn(1, Action("generate_report", "executed")));
        Assert.Equal("done", outcome.Status);
        Assert.Equal(["a_generate_report"], outcome.Executed);
    }

    [Fact]
    public void An_action_waiting_for_approval_parks_the_task_with_its_approval()
    {
        var approval = Guid.NewGuid();
        var outcome = TaskTurnOutcome.Of(Turn(2, Action("generate_report", "executed"), Action("refund_order", "awaiting_approval", approval)));
        Assert.Equal("awaiting_approval", outcome.Status);
        Assert.Equal([approval], outcome.Approvals);
    }

    [Theory]
    [InlineData("denied")]
    [InlineData("failed")]
    public void A_denied_or_failed_action_fails_the_task_even_beside_executed_ones(string status)
    {
        var outcome = TaskTurnOutcome.Of(Turn(2, Action("generate_report", "executed"), Action("scale_ad_set", status)));
        Assert.Equal("failed", outcome.Status);
        Assert.Contains($"scale_ad_set {status}", outcome.Reason);
    }

    [Fact]
    public void A_read_only_answer_is_done_and_a_question_is_a_failure_with_the_question()
    {
        Assert.Equal("done", TaskTurnOutcome.Of(Turn(1)).Status);
        var question = TaskTurnOutcome.Of(Turn(0));
        Assert.Equal("failed", question.Status);
        Assert.Equal("clarification needed: Which order do you mean?", question.Reason);
    }

    [Theory]
    [InlineData("done,done,cancelled", "done")]
    [InlineData("done,running", "active")]
    [InlineData("failed,awaiting_approval", "active")]
    [InlineData("done,failed", "failed")]
    [InlineData("cancelled,cancelled", "cancelled")]
    public void A_goal_follows_its_tasks(string tasks, string goal) =>
        Assert.Equal(goal, GoalStatusRollup.Of(tasks.Split(',')));

    [Fact]
    public void Approvals_settle_a_task_only_once_all_are_decided()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Assert.Null(GoalStatusRollup.AfterApprovals([(a, ApprovalStatus.Executed, null), (b, ApprovalStatus.Pending, null)]));
        Assert.Null(GoalStatusRollup.AfterApprovals([(a, ApprovalStatus.Approved, null)]));
        Assert.Equal("done", GoalStatusRollup.AfterApprovals([(a, ApprovalStatus.Executed, null), (b, ApprovalStatus.Executed, null)])!.Value.Status);
        var rejected = GoalStatusRollup.AfterApprovals([(a, ApprovalStatus.Executed, null), (b, ApprovalStatus.Rejected, "too much")])!.Value;
        Assert.Equal("failed", rejected.Status);
        Assert.Contains($"approval {b} rejected: too much", rejected.Reason);
    }
}
