using LiveShop.Kernel.Functions;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Tests.Functions;

public sealed class DeclarationTests
{
    [Fact]
    public void Rogue_undeclared_plugin_stops_start_up_in_development()
    {
        var e = Assert.Throws<FunctionDeclarationException>(() => new FilterHarness(withRogue: true));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("Rogue-wire_money", problem.QualifiedName);
        Assert.Contains("undeclared", problem.Problem);
    }

    [Fact]
    public async Task Rogue_undeclared_plugin_is_logged_at_start_up_and_refused_at_call_time_otherwise()
    {
        var harness = new FilterHarness(withRogue: true, new KernelFactoryOptions { FailOnUndeclaredFunctions = false });
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("Rogue-wire_money"));

        var result = await harness.KernelFor().InvokeAsync("Rogue", "wire_money", new KernelArguments { ["account"] = "x", ["amount"] = "5000" });

        Assert.Contains("Rogue-wire_money is not a declared function", result.GetValue<string>());
        Assert.Equal(0, harness.Rogue.BodyRuns);
        Assert.Empty(harness.Pipeline.Packets);
        var refusal = Assert.Single(harness.Audit.Refusals);
        Assert.Equal(RefusalReason.Undeclared, refusal.Reason);
        Assert.Equal("cfo", refusal.Persona);
    }

    [Fact]
    public async Task Plugin_slipped_into_a_kernel_after_start_up_is_refused_at_call_time()
    {
        var harness = new FilterHarness();
        var kernel = harness.KernelFor();
        var rogue = new RoguePlugin();
        kernel.Plugins.AddFromObject(rogue, "Rogue");

        var result = await kernel.InvokeAsync("Rogue", "wire_money", new KernelArguments { ["account"] = "x", ["amount"] = 5000m });

        Assert.StartsWith("refused:", result.GetValue<string>());
        Assert.Equal(0, rogue.BodyRuns);
        Assert.Equal(RefusalReason.Undeclared, Assert.Single(harness.Audit.Refusals).Reason);
    }

    [Fact]
    public void Registry_reads_declarations_and_argument_mapping_from_the_attributes()
    {
        var registry = FunctionDeclarationRegistry.Build([KernelPluginFactory.CreateFromObject(new ShopPlugin(), "Shop")]);

        Assert.Empty(registry.Problems);
        Assert.True(registry.TryGet("Shop", "refund_order", out var refund));
        Assert.Equal(FunctionKind.WorldAction, refund.Kind);
        Assert.Equal("refund_order", refund.Action);
        Assert.Equal(new Dictionary<string, string> { ["order_id"] = "order_id", ["amount"] = "amount", ["reason"] = "reason" }, refund.ParameterMap);
        Assert.True(registry.TryGet("Shop", "scale_ad_set", out var scale));
        Assert.Equal("ad_set_id", scale.ParameterMap["adSet"]);
        Assert.True(registry.TryGet("Shop", "get_order", out var lookup));
        Assert.Equal(FunctionKind.ReadOnly, lookup.Kind);
        Assert.False(registry.TryGet("Other", "get_order", out _));
    }

    [Fact]
    public void Registry_rejects_missing_parameters_unknown_actions_and_double_declarations()
    {
        var registry = FunctionDeclarationRegistry.Build([KernelPluginFactory.CreateFromObject(new MisdeclaredPlugin(), "Bad")]);

        var problems = registry.Problems.ToDictionary(p => p.QualifiedName, p => p.Problem);
        Assert.Contains("required parameter(s) amount of refund_order", problems["Bad-refund_without_amount"]);
        Assert.Contains("unknown action 'launch_rocket'", problems["Bad-launch_rocket"]);
        Assert.Contains("both read-only and world-changing", problems["Bad-both"]);
        Assert.Empty(registry.Declarations);
    }
}

public sealed class PersonaFunctionPolicyTests
{
    [Fact]
    public void Bare_function_names_from_persona_files_allow_that_function_only()
    {
        var policy = new PersonaFunctionPolicy(new Dictionary<string, IReadOnlyCollection<string>> { ["cfo"] = ["get_cash_runway", "pay_supplier"] });
        Assert.True(policy.IsAllowed("cfo", "Payments", "pay_supplier"));
        Assert.False(policy.IsAllowed("cfo", "Payments", "pay_creator"));
        Assert.False(policy.IsAllowed("ceo", "Payments", "pay_supplier"));
    }

    [Fact]
    public void Shipped_persona_catalog_becomes_the_policy()
    {
        var catalog = LiveShop.Kernel.Personas.Catalog.PersonaCatalogLoader.LoadDefault();
        var policy = PersonaFunctionPolicy.FromCatalog(catalog);
        Assert.True(policy.IsAllowed("cfo", "Payments", "pay_supplier"));
        Assert.False(policy.IsAllowed("cfo", "Commerce", "refund_order"));
    }
}
