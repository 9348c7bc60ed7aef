using LiveShop.Kernel.Orchestration;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Kernel.Tests.Orchestration;

public sealed class TaskStatusMachineTests
{
    private static AgentTask Task(string status) => new() { TaskId = Guid.NewGuid(), OwnerAgent = "cfo", RiskLevel = "L1", DoneDefinition = "done", Status = status };

    private static ChatAction Action(string status) => new()
    {
        Function = "refund_order", Arguments = System.Text.Json.JsonDocument.Parse("{}").RootElement, Decision = "allow", Status = status, CalledAs = "Commerce-refund_order", Message = "",
    };

    [Theory]
    [InlineData("queued", "running", true)]
    [InlineData("running", "awaiting_approval", true)]
    [InlineData("awaiting_approval", "running", true)]
    [InlineData("running", "done", true)]
    [InlineData("queued", "done", false)]
    [InlineData("done", "running", false)]
    [InlineData("cancelled", "queued", false)]
    public void Only_lifecycle_moves_are_allowed(string from, string to, bool allowed) =>
        Assert.Equal(allowed, TaskStatusMachine.CanMove(from, to));

    [Fact]
    public void A_move_is_stamped_and_audited_and_a_forbidden_one_throws()
    {
        var task = Task("queued");
        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        TaskStatusMachine.Move(task, "running", "claimed by worker", now);

        Assert.Equal("running", task.Status);
        Assert.Equal(now, task.UpdatedAt);
        var entry = Assert.Single(task.AuditLog);
        Assert.Equal("queued → running", entry.Action);
        Assert.Throws<InvalidOperationException>(() => TaskStatusMachine.Move(task, "queued", "no", now));
    }

    [Fact]
    public void After_a_turn_failure_wins_then_waiting_then_done()
    {
        Assert.Equal("failed", TaskStatusMachine.AfterTurn([Action("awaiting_approval"), Action("failed")]));
        Assert.Equal("awaiting_approval", TaskStatusMachine.AfterTurn([Action("executed"), Action("awaiting_approval")]));
        Assert.Equal("done", TaskStatusMachine.AfterTurn([Action("executed"), Action("denied")]));
        Assert.Equal("done", TaskStatusMachine.AfterTurn([]));
    }
}
