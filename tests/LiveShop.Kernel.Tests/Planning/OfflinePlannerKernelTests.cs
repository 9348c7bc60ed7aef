using System.Text.Json;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Planning.Offline;
using LiveShop.Kernel.Tests.Functions;
using LiveShop.Kernel.Verification;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace LiveShop.Kernel.Tests.Planning;

public sealed class OfflinePlannerKernelTests(PlannerBusiness business) : IClassFixture<PlannerBusiness>
{
    [Fact]
    public async Task Refund_request_reaches_the_proof_filter_as_a_packet_with_exact_typed_parameters()
    {
        var harness = new PlannerHarness(business);

        var (reply, history) = await harness.AskAsync("refund $40 on o_12 because the parcel arrived damaged");

        var packet = Assert.Single(harness.Pipeline.Packets);
        Assert.Equal("refund_order", packet.ProposedAction);
        Assert.Equal(PlannerHarness.Founder, packet.Agent);
        Assert.Equal("user:founder", packet.RequestedBy);
        Assert.Equal("o_12", packet.Parameters.GetProperty("order_id").GetString());
        Assert.Equal(JsonValueKind.Number, packet.Parameters.GetProperty("amount").ValueKind);
        Assert.Equal(40m, packet.Parameters.GetProperty("amount").GetDecimal());
        Assert.Equal("the parcel arrived damaged", packet.Parameters.GetProperty("reason").GetString());

        // The call and its result are in the history as a model's tool call would be, and the tool call id reached the packet.
        var call = Assert.Single(history.SelectMany(m => m.Items).OfType<FunctionCallContent>());
        Assert.Equal(("Commerce", "refund_order"), (call.PluginName, call.FunctionName));
        Assert.Equal(call.Id, packet.IdempotencyKey);
        Assert.Single(history.SelectMany(m => m.Items).OfType<FunctionResultContent>(), r => r.CallId == call.Id);
        Assert.StartsWith("Executed refund_order", reply);
    }

    [Fact]
    public async Task Reply_for_a_held_refund_names_the_approval_and_never_claims_execution()
    {
        var harness = new PlannerHarness(business);
        var approvalId = Guid.NewGuid();
        harness.Pipeline.Answer = packet => Outcomes.AwaitingApproval(packet, approvalId, Approver.Founder, "amount 600 > founder threshold 500");

        var (reply, _) = await harness.AskAsync("refund $600 on o_40");

        Assert.Equal(600m, Assert.Single(harness.Pipeline.Packets).Parameters.GetProperty("amount").GetDecimal());
        Assert.Contains("awaiting approval by the founder", reply);
        Assert.Contains(approvalId.ToString(), reply);
        Assert.Contains("founder threshold", reply);
        Assert.DoesNotContain("Executed", reply);
    }

    [Fact]
    public async Task Denied_action_is_reported_with_its_reasons()
    {
        var harness = new PlannerHarness(business);
        harness.Pipeline.Answer = packet => Outcomes.Denied(packet, "amount 5000 exceeds the refundable 78");

        var (reply, _) = await harness.AskAsync("refund $5,000 on o_12");

        Assert.StartsWith("Not done: refund_order", reply);
        Assert.Contains("exceeds the refundable 78", reply);
    }

    [Fact]
    public async Task Refund_without_an_amount_gets_a_clarifying_question_and_no_call()
    {
        var harness = new PlannerHarness(business);

        var (reply, history) = await harness.AskAsync("please refund order o_12");

        Assert.Empty(harness.Pipeline.Packets);
        Assert.Empty(history.SelectMany(m => m.Items).OfType<FunctionCallContent>());
        Assert.Contains("amount", reply);
        Assert.Contains("Nothing has been done", reply);
    }

    [Fact]
    public async Task Cash_runway_question_is_answered_with_the_figures_from_the_store()
    {
        var harness = new PlannerHarness(business);

        var (reply, history) = await harness.AskAsync("how long will our cash last?");

        // 50 000 opening − 15 000 ad spend = 35 000 at bank; 15 000 out over 30 days = 500 a day; 70 days of runway.
        Assert.Empty(harness.Pipeline.Packets);
        Assert.Equal("get_cash_runway", Assert.Single(history.SelectMany(m => m.Items).OfType<FunctionCallContent>()).FunctionName);
        Assert.Contains("cash balance: 35000", reply);
        Assert.Contains("avg daily net burn: 500", reply);
        Assert.Contains("runway days: 70", reply);
    }

    [Fact]
    public async Task Order_lookup_answers_with_the_order_total()
    {
        var harness = new PlannerHarness(business);

        var (reply, _) = await harness.AskAsync("look up order o_40");

        Assert.Contains("total: 900", reply);
        Assert.Empty(harness.Pipeline.Packets);
    }

    [Fact]
    public async Task Function_outside_the_persona_set_cannot_be_chosen()
    {
        var harness = new PlannerHarness(business);

        var (reply, history) = await harness.AskAsync("refund $40 on o_12", PlannerHarness.SupportLead);

        Assert.Empty(harness.Pipeline.Packets);
        Assert.DoesNotContain(history.SelectMany(m => m.Items).OfType<FunctionCallContent>(), c => c.FunctionName == "refund_order");
        Assert.DoesNotContain("Executed", reply);
        var offered = harness.KernelFor(PlannerHarness.SupportLead).Plugins.SelectMany(p => p).Select(f => f.Name);
        Assert.DoesNotContain("refund_order", offered);
    }

    [Fact]
    public async Task Streaming_yields_the_same_reply_in_chunks()
    {
        var harness = new PlannerHarness(business);
        var kernel = harness.KernelFor();
        var history = new ChatHistory();
        history.AddUserMessage("pause as_3");

        var chunks = new List<string>();
        await foreach (var update in kernel.GetRequiredService<IChatCompletionService>().GetStreamingChatMessageContentsAsync(history, PlannerHarness.Auto(), kernel))
            chunks.Add(update.Content ?? "");

        Assert.True(chunks.Count > 1);
        Assert.StartsWith("Executed pause_ad_set (ad_set_id as_3)", string.Concat(chunks));
        Assert.Equal("as_3", Assert.Single(harness.Pipeline.Packets).Parameters.GetProperty("ad_set_id").GetString());
    }

    [Fact]
    public async Task Without_auto_invocation_the_call_is_returned_to_the_caller_uninvoked()
    {
        var harness = new PlannerHarness(business);
        var kernel = harness.KernelFor();
        var history = new ChatHistory();
        history.AddUserMessage("pay supplier s_1 $5,000");
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };

        var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, settings, kernel);

        var call = Assert.Single(reply.Items.OfType<FunctionCallContent>());
        Assert.Equal(("Payments", "pay_supplier"), (call.PluginName, call.FunctionName));
        Assert.Equal(5000m, call.Arguments!["amount"]);
        Assert.Empty(harness.Pipeline.Packets);
    }

    [Fact]
    public void Service_is_labelled_offline_planner()
    {
        Assert.Equal("offline planner", PlannerHarness.Planner.Attributes[OfflinePlannerChatCompletion.LabelAttribute]);
        Assert.Equal(OfflinePlannerChatCompletion.ModelId, PlannerHarness.Planner.GetModelId());
    }
}

public sealed class OfflinePlannerIsolationTests(PlannerBusiness business) : IClassFixture<PlannerBusiness>
{
    [Fact]
    public async Task Chosen_function_is_the_instance_of_the_kernel_offered_not_one_embedded_earlier()
    {
        var first = new PlannerHarness(business);
        var second = new PlannerHarness(business);
        var planner = new OfflinePlanner(Memory.Knowledge.Embeddings.LocalMiniLmEmbedder.Shared);
        await planner.PlanAsync("pause as_3", first.KernelFor().Plugins.SelectMany(p => p).ToArray());

        var offered = second.KernelFor().Plugins.SelectMany(p => p).ToArray();
        var decision = await planner.PlanAsync("pause as_3", offered);

        Assert.Contains(decision.Function!, offered);
    }
}

public sealed class OfflinePlannerFollowUpTests(PlannerBusiness business) : IClassFixture<PlannerBusiness>
{
    [Fact]
    public async Task Answer_to_a_clarifying_question_completes_the_request()
    {
        var harness = new PlannerHarness(business);
        var kernel = harness.KernelFor();
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory();
        history.AddUserMessage("refund order o_12");

        history.Add(await chat.GetChatMessageContentAsync(history, PlannerHarness.Auto(), kernel));
        Assert.Empty(harness.Pipeline.Packets);
        history.AddUserMessage("$25");
        var reply = await chat.GetChatMessageContentAsync(history, PlannerHarness.Auto(), kernel);

        var packet = Assert.Single(harness.Pipeline.Packets);
        Assert.Equal("o_12", packet.Parameters.GetProperty("order_id").GetString());
        Assert.Equal(25m, packet.Parameters.GetProperty("amount").GetDecimal());
        Assert.StartsWith("Executed refund_order", reply.Content);
    }
}
