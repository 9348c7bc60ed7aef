using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Tests.Functions;

public sealed class PluginDeclarationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    // Every action of the contract is exposed to some persona through a plugin.
    private static readonly string[] NotPluginActions = [];

    private ProductKernels Kernels() => new(database, new TestContextFactory(database), TimeProvider.System);

    [Fact]
    public void Every_plugin_function_is_declared_and_every_persona_facing_contract_action_has_exactly_one_function()
    {
        var kernels = Kernels();

        Assert.Empty(kernels.Factory.Declarations.Problems);
        var actions = kernels.Factory.Declarations.Declarations.Where(d => d.Kind == FunctionKind.WorldAction).Select(d => d.Action!).ToList();
        var expected = ActionCatalog.Actions.Keys.Except(NotPluginActions).Order().ToList();
        Assert.Equal(expected, actions.Order().ToList());
        Assert.All(kernels.Factory.Declarations.Declarations.Where(d => d.Kind == FunctionKind.WorldAction),
            d => Assert.Equal(d.Action, d.FunctionName));
    }

    [Fact]
    public void Read_only_functions_are_declared_read_only()
    {
        var readOnly = Kernels().Factory.Declarations.Declarations.Where(d => d.Kind == FunctionKind.ReadOnly).Select(d => d.QualifiedName).Order();
        Assert.Equal(
            ["Accounting-get_balance_sheet", "Accounting-get_profit_and_loss", "Accounting-get_unreconciled_settlements", "Ads-get_ad_platform_summary",
                "Ads-get_ad_set_performance", "Commerce-get_channel_summary", "Commerce-get_order", "Commerce-get_product", "Commerce-list_top_products",
                "Fulfillment-get_fulfilment_status", "Fulfillment-get_stock", "Integrations-list_integrations", "Memory-recall_learnings",
                "Memory-search_knowledge", "Payments-get_cash_runway", "Payments-get_payment", "Payments-get_stripe_balance", "Payments-list_recent_payouts",
                "Research-fetch_product_page", "Research-get_trend_report", "Support-list_open_tickets"],
            readOnly);
    }

    [Fact]
    public async Task Every_world_changing_function_goes_to_the_pipeline_with_contract_parameters_and_its_body_never_runs()
    {
        var kernels = Kernels();
        var kernel = kernels.Kernel();
        var declarations = kernels.Factory.Declarations.Declarations.Where(d => d.Kind == FunctionKind.WorldAction).ToList();

        foreach (var declaration in declarations)
        {
            var function = kernel.Plugins[declaration.PluginName][declaration.FunctionName];
            var specs = ActionCatalog.ParametersOf(declaration.Action!)!;
            var arguments = new KernelArguments();
            foreach (var parameter in function.Metadata.Parameters)
            {
                var spec = specs.FirstOrDefault(s => s.Name == parameter.Name);
                arguments[parameter.Name] = spec?.Kind switch
                {
                    ParameterKind.Number or ParameterKind.Money => "12.50",
                    ParameterKind.WholeNumber => "3",
                    ParameterKind.Id => "x_1",
                    ParameterKind.Flag => "true",
                    ParameterKind.Object => """{"ads.daily_cap": 6000}""",
                    _ => "some text",
                };
            }

            var result = await kernel.InvokeAsync(function, arguments);

            Assert.NotEqual(WorldActionFunctions.NotExecuted, result.GetValue<string>());
            Assert.StartsWith($"executed {declaration.Action}", result.GetValue<string>());
            var packet = kernels.Pipeline.Packets.Last();
            Assert.Equal(declaration.Action, packet.ProposedAction);
            foreach (var spec in specs.Where(s => s.Required))
                Assert.True(packet.Parameters.TryGetProperty(spec.Name, out _), $"{declaration.Action} lacks {spec.Name}");
        }
        Assert.Equal(declarations.Count, kernels.Pipeline.Packets.Count);
        Assert.Empty(kernels.Audit.Refusals);
    }

    [Fact]
    public async Task Without_the_proof_filter_a_world_changing_body_does_nothing_but_say_so()
    {
        var function = WorldActionFunctions.Create(ActionCatalog.Find("refund_order")!);
        var result = await function.InvokeAsync(new Microsoft.SemanticKernel.Kernel(), new KernelArguments { ["order_id"] = "o_1", ["amount"] = "40", ["reason"] = "late" });
        Assert.Equal(WorldActionFunctions.NotExecuted, result.GetValue<string>());
    }
}
