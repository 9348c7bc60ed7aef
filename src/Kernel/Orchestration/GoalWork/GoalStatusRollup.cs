using LiveShop.Kernel.Approvals;

namespace LiveShop.Kernel.Orchestration.GoalWork;

/// <summary>
/// A goal's status follows its tasks: <c>active</c> while any task is queued, running or awaiting approval; once every
/// task has settled, <c>done</c> when none failed and <c>failed</c> when one did (the founder re-queues or re-plans it).
/// A goal whose tasks were all cancelled is <c>cancelled</c>.
/// </summary>
public static class GoalStatusRollup
{
    /// <summary>The goal's status for these task statuses.</summary>
    public static string Of(IReadOnlyCollection<string> taskStatuses)
    {
        if (taskStatuses.Count == 0 || taskStatuses.Any(s => s is "queued" or "running" or "awaiting_approval")) return "active";
        if (taskStatuses.Any(s => s == "failed")) return "failed";
        return taskStatuses.All(s => s == "cancelled") ? "cancelled" : "done";
    }

    /// <summary>
    /// What a task waiting for approvals becomes once they are decided: <c>done</c> when all executed, <c>failed</c> when one
    /// was rejected, expired or superseded, null while any is still pending or approved but not yet run.
    /// </summary>
    public static (string Status, string Reason)? AfterApprovals(IReadOnlyList<(Guid Id, ApprovalStatus Status, string? Reason)> approvals)
    {
        if (approvals.FirstOrDefault(a => a.Status is ApprovalStatus.Rejected or ApprovalStatus.Expired or ApprovalStatus.Superseded) is { Id: var id } settled && id != Guid.Empty)
            return ("failed", $"approval {settled.Id} {settled.Status.Code()}{(settled.Reason is { Length: > 0 } why ? $": {why}" : "")}");
        if (approvals.Count > 0 && approvals.All(a => a.Status == ApprovalStatus.Executed))
            return ("done", $"approved and executed ({string.Join(", ", approvals.Select(a => a.Id))})");
        return null;
    }
}
