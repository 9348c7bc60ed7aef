using System.Text.Json;
using LiveShop.Kernel.Orchestration;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Orchestration;

public sealed class StoredToolCallTests
{
    private static readonly Verdict Verdict = new()
    {
        ActionId = "a_1", Decision = Decision.RequireApproval, RiskLevel = RiskLevel.L3, Approver = Approver.Founder, Reasons = ["refund above the founder threshold"],
        Proof = new Proof
        {
            PolicyVersion = "p", StateVersion = "s", Action = "refund_order", ParametersHash = "sha256:00",
            InvariantChecks =
            [
                new InvariantCheck { Id = "refund_within_order_total", Status = CheckStatus.Pass, Value = 600m, Threshold = 900m },
                new InvariantCheck { Id = "refund_founder_threshold", Status = CheckStatus.Escalate, Value = 600m, Threshold = 500m },
            ],
            IssuedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), ExpiresAt = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.Zero),
            Signature = "c2ln",
        },
    };

    private static ChatAction Action(Verdict? verdict) => new()
    {
        Function = "refund_order", Arguments = JsonDocument.Parse("""{"order_id":"o_1","amount":600}""").RootElement, Decision = "require_approval",
        RiskLevel = "L3", Status = "awaiting_approval", ApprovalId = Guid.NewGuid(), ActionId = "a_1", CalledAs = "Commerce-refund_order",
        Message = "waits for the founder", Verdict = verdict,
    };

    [Fact]
    public void A_stored_tool_call_keeps_the_contract_fields_and_the_verdict_with_every_check()
    {
        var action = Action(Verdict);
        var content = StoredToolCall.Serialize(action);

        using var json = JsonDocument.Parse(content);
        Assert.Equal("awaiting_approval", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("refund_order", json.RootElement.GetProperty("function").GetString());
        var read = StoredToolCall.Read(content);
        Assert.Equal(action.ApprovalId, read.ApprovalId);
        Assert.Equal(600, read.Arguments.GetProperty("amount").GetInt32());
        Assert.Equal(RiskLevel.L3, read.Verdict!.RiskLevel);
        Assert.Equal(Verdict.Proof.InvariantChecks.Select(c => (c.Id, c.Status, c.Value, c.Threshold)),
            read.Verdict.Proof.InvariantChecks.Select(c => (c.Id, c.Status, c.Value, c.Threshold)));
        Assert.Equal("c2ln", read.Verdict.Proof.Signature);
    }

    [Fact]
    public void A_tool_call_stored_without_a_verdict_reads_back_without_one()
    {
        var read = StoredToolCall.Read(StoredToolCall.Serialize(Action(null)));
        Assert.Null(read.Verdict);
        Assert.Equal("Commerce-refund_order", read.CalledAs);
    }
}
