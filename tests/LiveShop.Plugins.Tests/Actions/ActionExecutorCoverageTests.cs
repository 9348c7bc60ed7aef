using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Actions.Definitions.Memory;
using LiveShop.Kernel.Actions.Definitions.Platform;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Testing;

namespace LiveShop.Plugins.Tests.Actions;

/// <summary>Every defined action can be carried out, by exactly one sandbox executor or by its own dedicated executor.</summary>
public sealed class ActionExecutorCoverageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    // Actions outside the sandbox business: memories, the policy, people's access and integration connections.
    private static readonly string[] DedicatedExecutors =
        [RememberAction.ActionName, ChangePolicyAction.ActionName, ModifyAccountAccessAction.ActionName, ConnectIntegrationAction.ActionName];

    [Fact]
    public void The_sandbox_executes_every_defined_action_that_has_no_dedicated_executor_and_nothing_undefined()
    {
        var business = new BusinessUnitOfWork(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System);
        var sandbox = SandboxExecutors.Create(business).Select(e => e.Action).ToList();

        Assert.Equal(sandbox.Count, sandbox.Distinct().Count());
        Assert.Equal(
            ActionCatalog.All.Select(d => d.Name).Except(DedicatedExecutors).Order(StringComparer.Ordinal),
            sandbox.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_connector_family_contract_lists_the_actions_whose_definitions_name_it()
    {
        Assert.Equal(ActionCatalog.ClaimableBy(IntegrationFamily.Commerce), LiveShop.Plugins.Commerce.Channels.ISalesChannel.ContractActions);
        Assert.Equal(ActionCatalog.ClaimableBy(IntegrationFamily.Advertising), LiveShop.Plugins.Ads.Platforms.IAdPlatform.ContractActions);
        Assert.Contains("refund_order", LiveShop.Plugins.Payments.Providers.IPaymentProvider.ContractActions);
        Assert.DoesNotContain("scale_ad_set", LiveShop.Plugins.Payments.Providers.IPaymentProvider.ContractActions);
    }
}
