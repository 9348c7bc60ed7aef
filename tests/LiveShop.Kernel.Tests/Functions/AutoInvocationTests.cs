using LiveShop.Kernel.Verification;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Tests.Functions;

/// <summary>The auto-invocation path as Semantic Kernel runs it: the auto filter wraps the function invocation.</summary>
public sealed class AutoInvocationTests
{
    private static async Task<AutoFunctionInvocationContext> AutoInvokeAsync(FilterHarness harness, Microsoft.SemanticKernel.Kernel kernel, string toolCallId, KernelArguments arguments)
    {
        var function = kernel.Plugins["Shop"]["refund_order"];
        var context = new AutoFunctionInvocationContext(kernel, function, new FunctionResult(function), new ChatHistory(), new ChatMessageContent(AuthorRole.Assistant, ""))
        {
            ToolCallId = toolCallId,
            Arguments = arguments,
        };
        await harness.Factory.Filter.OnAutoFunctionInvocationAsync(context, async c => c.Result = await c.Function.InvokeAsync(c.Kernel, c.Arguments));
        return context;
    }

    private static KernelArguments ModelArguments() => new() { ["order_id"] = "o_1", ["amount"] = "600.50", ["reason"] = "late" };

    [Fact]
    public async Task Tool_call_id_becomes_the_idempotency_key()
    {
        var harness = new FilterHarness();
        var context = await AutoInvokeAsync(harness, harness.KernelFor(), "call_abc123", ModelArguments());

        var packet = Assert.Single(harness.Pipeline.Packets);
        Assert.Equal("call_abc123", packet.IdempotencyKey);
        Assert.Equal("call_abc123", packet.Evidence!.Value.GetProperty("tool_call_id").GetString());
        Assert.False(context.Terminate);
        Assert.Equal(0, harness.Shop.BodyRuns);
    }

    [Fact]
    public async Task Turn_ends_when_an_action_waits_for_approval()
    {
        var harness = new FilterHarness();
        harness.Pipeline.Answer = p => Outcomes.AwaitingApproval(p, Guid.NewGuid(), Approver.Founder, "over 500");
        var context = await AutoInvokeAsync(harness, harness.KernelFor(), "call_1", ModelArguments());

        Assert.True(context.Terminate);
        Assert.StartsWith("awaiting approval", context.Result.GetValue<string>());
    }

    [Fact]
    public async Task Tool_call_id_does_not_leak_into_a_later_manual_call()
    {
        var harness = new FilterHarness();
        var kernel = harness.KernelFor();
        await AutoInvokeAsync(harness, kernel, "call_1", ModelArguments());
        await kernel.InvokeAsync("Shop", "refund_order", ModelArguments());

        Assert.Equal(new[] { "call_1", null }, harness.Pipeline.Packets.Select(p => p.IdempotencyKey));
    }
}
