using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions;

/// <summary>
/// The one path every world-changing action takes once proposed: facts → verifier → signed proof →
/// execute through the tool gateway (allow), wait for a human (require_approval), or nothing (deny).
/// The Semantic Kernel proof filter, the gateway API and the CLI all submit here.
/// </summary>
public interface IActionPipeline
{
    /// <summary>Verifies the packet against live facts and acts on the verdict; never throws for a refused action.</summary>
    Task<ActionOutcome> SubmitAsync(ActionPacket packet, CancellationToken cancellationToken = default);
}

/// <summary>What became of a submitted action.</summary>
public enum ActionStatus
{
    /// <summary>Allowed, and the connector carried it out (exactly once).</summary>
    Executed,

    /// <summary>Held until an authorised approver decides; see <see cref="ActionOutcome.ApprovalId"/>.</summary>
    AwaitingApproval,

    /// <summary>Refused by the verifier or the gateway; nothing happened.</summary>
    Denied,

    /// <summary>Allowed, but the connector failed; the failure is recorded.</summary>
    Failed,
}

/// <summary>The verdict, what happened, and the references a caller needs to follow up.</summary>
public sealed record ActionOutcome
{
    /// <summary>The packet as verified (with its assigned action id).</summary>
    public required ActionPacket Packet { get; init; }

    /// <summary>The signed verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>What happened.</summary>
    public required ActionStatus Status { get; init; }

    /// <summary>The approval request, when the action waits for one.</summary>
    public Guid? ApprovalId { get; init; }

    /// <summary>The connector's reference for an executed action (e.g. a refund id).</summary>
    public string? ConnectorReference { get; init; }

    /// <summary>Human-readable summary: the result, the reasons for a denial or the approval needed.</summary>
    public required string Message { get; init; }
}
