using System.Globalization;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Tests.Functions;

public sealed class ProofFilterTests
{
    private static KernelArguments Refund(object amount) => new()
    {
        ["order_id"] = "o_1", ["amount"] = amount, ["reason"] = "arrived damaged", ["justification"] = "customer sent photos",
    };

    [Fact]
    public async Task Manual_refund_call_becomes_a_packet_for_the_pipeline_and_the_body_never_runs()
    {
        var harness = new FilterHarness();
        var kernel = harness.KernelFor(FilterHarness.Cfo, "user:founder");

        var result = await kernel.InvokeAsync("Shop", "refund_order", Refund(40m));

        var packet = Assert.Single(harness.Pipeline.Packets);
        Assert.Equal("refund_order", packet.ProposedAction);
        Assert.Equal("cfo", packet.Agent);
        Assert.Equal("user:founder", packet.RequestedBy);
        Assert.Equal("o_1", packet.Parameters.GetProperty("order_id").GetString());
        Assert.Equal(40m, packet.Parameters.GetProperty("amount").GetDecimal());
        Assert.Equal("arrived damaged", packet.Parameters.GetProperty("reason").GetString());
        Assert.False(packet.Parameters.TryGetProperty("justification", out _));
        Assert.Equal("customer sent photos", packet.Evidence!.Value.GetProperty("justification").GetString());
        Assert.Equal("Shop-refund_order", packet.Evidence!.Value.GetProperty("function").GetString());
        Assert.Null(packet.IdempotencyKey);
        Assert.Equal(0, harness.Shop.BodyRuns);
        Assert.StartsWith("executed refund_order", result.GetValue<string>());
        Assert.Equal(ActionStatus.Executed, ProofFilter.OutcomeOf(result)!.Status);
    }

    [Fact]
    public async Task Requested_by_defaults_to_the_persona_as_agent()
    {
        var harness = new FilterHarness();
        await harness.KernelFor(FilterHarness.Cfo).InvokeAsync("Shop", "refund_order", Refund(40m));
        Assert.Equal("agent:cfo", Assert.Single(harness.Pipeline.Packets).RequestedBy);
    }

    [Fact]
    public async Task Numeric_text_is_parsed_with_the_invariant_culture_whatever_the_current_culture()
    {
        var harness = new FilterHarness();
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await harness.KernelFor().InvokeAsync("Shop", "refund_order", Refund("600.50"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        var amount = Assert.Single(harness.Pipeline.Packets).Parameters.GetProperty("amount");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, amount.ValueKind);
        Assert.Equal(600.50m, amount.GetDecimal());
    }

    [Fact]
    public async Task Renamed_argument_fills_the_contract_parameter()
    {
        var harness = new FilterHarness();
        await harness.KernelFor().InvokeAsync("Shop", "scale_ad_set", new KernelArguments { ["adSet"] = "as_7", ["new_daily_budget"] = "600" });
        var packet = Assert.Single(harness.Pipeline.Packets);
        Assert.Equal("as_7", packet.Parameters.GetProperty("ad_set_id").GetString());
        Assert.Equal(600m, packet.Parameters.GetProperty("new_daily_budget").GetDecimal());
    }

    [Fact]
    public async Task Mistyped_amount_is_refused_with_a_clear_message_and_never_reaches_the_pipeline()
    {
        var harness = new FilterHarness();
        var result = await harness.KernelFor().InvokeAsync("Shop", "refund_order", Refund("abc"));

        var message = result.GetValue<string>()!;
        Assert.StartsWith("refused:", message);
        Assert.Contains("parameter 'amount' of refund_order must be a number", message);
        Assert.Empty(harness.Pipeline.Packets);
        Assert.Equal(0, harness.Shop.BodyRuns);
        Assert.Equal(RefusalReason.InvalidArguments, Assert.Single(harness.Audit.Refusals).Reason);
    }

    [Fact]
    public async Task Missing_parameter_is_refused_and_names_it()
    {
        var harness = new FilterHarness();
        var result = await harness.KernelFor().InvokeAsync("Shop", "refund_order", new KernelArguments { ["order_id"] = "o_1", ["amount"] = "10" });
        Assert.Contains("parameter 'reason' is required for refund_order", result.GetValue<string>());
        Assert.Empty(harness.Pipeline.Packets);
    }

    [Fact]
    public async Task Denied_action_tells_the_model_why_and_runs_nothing()
    {
        var harness = new FilterHarness();
        harness.Pipeline.Answer = p => Outcomes.Denied(p, "refund of 900.00 exceeds the refundable 78.00");

        var result = await harness.KernelFor().InvokeAsync("Shop", "refund_order", Refund(900m));

        Assert.Equal("denied: refund of 900.00 exceeds the refundable 78.00", result.GetValue<string>());
        Assert.Equal(0, harness.Shop.BodyRuns);
        Assert.Empty(harness.Audit.Refusals);
    }

    [Fact]
    public async Task Awaiting_approval_message_carries_the_approval_id_and_the_approver_needed()
    {
        var harness = new FilterHarness();
        var approvalId = Guid.NewGuid();
        harness.Pipeline.Answer = p => Outcomes.AwaitingApproval(p, approvalId, Approver.Founder, "amount 600.50 > 500 (founder threshold)");

        var kernel = harness.KernelFor();
        var result = await kernel.InvokeAsync("Shop", "refund_order", Refund("600.50"));

        Assert.Equal($"awaiting approval (approval id {approvalId}, needs founder): amount 600.50 > 500 (founder threshold)", result.GetValue<string>());
        Assert.Equal(0, harness.Shop.BodyRuns);
        var record = Assert.Single(FunctionCallJournal.Of(kernel)!.Records);
        Assert.Equal(approvalId, record.Outcome!.ApprovalId);
    }

    [Fact]
    public async Task Any_approver_is_named_as_such()
    {
        var harness = new FilterHarness();
        harness.Pipeline.Answer = p => Outcomes.AwaitingApproval(p, Guid.NewGuid(), Approver.AnyApprover, "over 100");
        var result = await harness.KernelFor().InvokeAsync("Shop", "refund_order", Refund(150m));
        Assert.Contains("needs any approver): over 100", result.GetValue<string>());
    }

    [Fact]
    public async Task Read_only_function_runs_directly_without_the_pipeline()
    {
        var harness = new FilterHarness();
        var result = await harness.KernelFor().InvokeAsync("Shop", "get_order", new KernelArguments { ["order_id"] = "o_9" });
        Assert.Equal("order o_9: total 78.00", result.GetValue<string>());
        Assert.Empty(harness.Pipeline.Packets);
    }

    [Fact]
    public async Task Persona_kernel_holds_only_its_functions_and_a_call_outside_its_set_is_refused_and_audited()
    {
        var harness = new FilterHarness();
        var kernel = harness.KernelFor(FilterHarness.SupportLead, "user:agent_sam");
        Assert.Equal(["get_order"], kernel.Plugins["Shop"].Select(f => f.Name).ToArray());

        // Someone hands the persona a function it was not given: the filter still refuses it.
        var refund = harness.Factory.Plugins.Single(p => p.Name == "Shop")["refund_order"];
        var result = await refund.InvokeAsync(kernel, Refund(40m));

        Assert.Contains("outside what the persona support_lead may call", result.GetValue<string>());
        Assert.Empty(harness.Pipeline.Packets);
        Assert.Equal(0, harness.Shop.BodyRuns);
        var refusal = Assert.Single(harness.Audit.Refusals);
        Assert.Equal(RefusalReason.OutsidePersona, refusal.Reason);
        Assert.Equal("support_lead", refusal.Persona);
        Assert.Equal("user:agent_sam", refusal.RequestedBy);
        Assert.Equal("Shop-refund_order", refusal.Function);
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Shop-refund_order"));
    }

    [Fact]
    public async Task Kernel_without_a_caller_identity_is_refused()
    {
        var harness = new FilterHarness();
        var kernel = new Microsoft.SemanticKernel.Kernel();
        kernel.FunctionInvocationFilters.Add(harness.Factory.Filter);
        var result = await harness.Factory.Plugins[0]["refund_order"].InvokeAsync(kernel, Refund(40m));
        Assert.Contains("carries no persona", result.GetValue<string>());
        Assert.Equal(RefusalReason.NoCaller, Assert.Single(harness.Audit.Refusals).Reason);
        Assert.Empty(harness.Pipeline.Packets);
    }

    [Fact]
    public void Unknown_persona_gets_no_kernel()
    {
        var harness = new FilterHarness();
        Assert.Throws<ArgumentException>(() => harness.Factory.CreateForPersona("intern"));
    }
}
