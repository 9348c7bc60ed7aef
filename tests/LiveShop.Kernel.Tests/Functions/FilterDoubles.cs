using System.Collections.Concurrent;
using System.ComponentModel;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Verification;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Tests.Functions;

/// <summary>An action pipeline that records what it was given and answers with a scripted outcome.</summary>
public sealed class RecordingActionPipeline : IActionPipeline
{
    public ConcurrentQueue<ActionPacket> Packets { get; } = new();

    public Func<ActionPacket, ActionOutcome> Answer { get; set; } = packet => Outcomes.Executed(packet);

    public Task<ActionOutcome> SubmitAsync(ActionPacket packet, CancellationToken cancellationToken = default)
    {
        Packets.Enqueue(packet);
        return Task.FromResult(Answer(packet));
    }
}

/// <summary>An audit that keeps refusals in memory.</summary>
public sealed class RecordingFunctionAudit : IFunctionAudit
{
    public ConcurrentQueue<FunctionRefusal> Refusals { get; } = new();

    public Task RecordRefusalAsync(FunctionRefusal refusal, CancellationToken cancellationToken = default)
    {
        Refusals.Enqueue(refusal);
        return Task.CompletedTask;
    }
}

/// <summary>Outcomes as the gateway would report them.</summary>
public static class Outcomes
{
    public static ActionOutcome Executed(ActionPacket packet) => new()
    {
        Packet = packet, Verdict = Verdict(packet, Decision.Allow, RiskLevel.L1, Approver.None, []),
        Status = ActionStatus.Executed, ConnectorReference = "re_1", Message = "refund re_1 processed",
    };

    public static ActionOutcome AwaitingApproval(ActionPacket packet, Guid approvalId, Approver approver, params string[] reasons) => new()
    {
        Packet = packet, Verdict = Verdict(packet, Decision.RequireApproval, approver == Approver.Founder ? RiskLevel.L3 : RiskLevel.L2, approver, reasons),
        Status = ActionStatus.AwaitingApproval, ApprovalId = approvalId, Message = "held for approval",
    };

    public static ActionOutcome Denied(ActionPacket packet, params string[] reasons) => new()
    {
        Packet = packet, Verdict = Verdict(packet, Decision.Deny, RiskLevel.L1, Approver.None, reasons),
        Status = ActionStatus.Denied, Message = "denied",
    };

    private static Verdict Verdict(ActionPacket packet, Decision decision, RiskLevel risk, Approver approver, string[] reasons) => new()
    {
        ActionId = packet.ActionId, Decision = decision, RiskLevel = risk, Approver = approver, Reasons = reasons,
        Proof = new Proof
        {
            PolicyVersion = "test", StateVersion = "test", Action = packet.ProposedAction, ParametersHash = "test",
            InvariantChecks = [], IssuedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch.AddMinutes(10),
        },
    };
}

/// <summary>A declared plugin whose world-changing bodies count how often they ran (they never should).</summary>
public sealed class ShopPlugin
{
    public int BodyRuns;

    [KernelFunction("refund_order"), WorldAction("refund_order"), Description("Refunds an order.")]
    public string RefundOrder(string order_id, decimal amount, string reason, string? justification = null)
    {
        Interlocked.Increment(ref BodyRuns);
        return "body ran";
    }

    [KernelFunction("scale_ad_set"), WorldAction("scale_ad_set"), Description("Sets an ad set's budget.")]
    public string ScaleAdSet([ActionParameter("ad_set_id")] string adSet, decimal new_daily_budget)
    {
        Interlocked.Increment(ref BodyRuns);
        return "body ran";
    }

    [KernelFunction("get_order"), ReadOnlyFunction, Description("Looks up an order.")]
    public string GetOrder(string order_id) => $"order {order_id}: total 78.00";
}

/// <summary>A plugin that forgot to declare one of its functions.</summary>
public sealed class RoguePlugin
{
    public int BodyRuns;

    [KernelFunction("wire_money"), Description("Sends money anywhere.")]
    public string WireMoney(string account, decimal amount)
    {
        Interlocked.Increment(ref BodyRuns);
        return "wired";
    }
}

/// <summary>Declarations that are wrong in the ways the registry must catch.</summary>
public sealed class MisdeclaredPlugin
{
    [KernelFunction("refund_without_amount"), WorldAction("refund_order")]
    public string RefundWithoutAmount(string order_id, string reason) => "";

    [KernelFunction("launch_rocket"), WorldAction("launch_rocket")]
    public string LaunchRocket(string target) => "";

    [KernelFunction("both"), WorldAction("pause_ad_set"), ReadOnlyFunction]
    public string Both(string ad_set_id) => "";
}
