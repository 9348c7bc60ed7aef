using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Plugins.Ads.Platforms;
using LiveShop.Plugins.Commerce.Channels;
using LiveShop.Plugins.Fulfillment.Providers;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Payments.Providers;
using LiveShop.Plugins.Support.Helpdesks;
using LiveShop.Testing;

namespace LiveShop.Plugins.Tests.Families;

public sealed class IntegrationsDocTests
{
    private static readonly string[] Rows = File.ReadAllLines(Path.Combine(TestCluster.RepositoryRoot, "docs", "integrations.md"))
        .Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToArray();

    private static string[] Cells(string row) => row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [Fact]
    public void The_table_lists_every_catalog_integration_with_its_section_settings_and_client()
    {
        foreach (var integration in IntegrationCatalog.All)
        {
            var row = Assert.Single(Rows, r => Cells(r).Length == 8 && Cells(r)[1] == $"`{integration.Id}`");
            var cells = Cells(row);
            Assert.Equal(integration.Family.ToString(), cells[0]);
            Assert.Equal(integration.HasRealClient ? "real" : "contract + sandbox", cells[3]);
            Assert.Equal($"`{integration.ConfigurationSection}`", cells[4]);
            Assert.Equal(string.Join(", ", integration.RequiredSettings.Select(s => $"`{s}`")), cells[5]);
        }
    }

    [Fact]
    public void The_actions_column_says_what_each_family_contract_carries_out()
    {
        var byFamily = new Dictionary<IntegrationFamily, IReadOnlyList<string>>
        {
            [IntegrationFamily.Commerce] = ISalesChannel.ContractActions,
            [IntegrationFamily.Advertising] = IAdPlatform.ContractActions,
            [IntegrationFamily.Fulfillment] = IFulfilmentProvider.ContractActions,
            [IntegrationFamily.Support] = IHelpdesk.ContractActions,
        };
        foreach (var integration in IntegrationCatalog.All.Where(i => byFamily.ContainsKey(i.Family)))
        {
            var cells = Cells(Rows.Single(r => Cells(r).Length == 8 && Cells(r)[1] == $"`{integration.Id}`"));
            Assert.StartsWith(string.Join(", ", byFamily[integration.Family].Select(a => $"`{a}`")), cells[6]);
        }
        var payments = IntegrationCatalog.All.Where(i => i.Family == IntegrationFamily.Payments)
            .SelectMany(i => Cells(Rows.Single(r => Cells(r).Length == 8 && Cells(r)[1] == $"`{i.Id}`"))[6].Split(", ")).Select(a => a.Trim('`')).Distinct().Order();
        Assert.Equal(IPaymentProvider.ContractActions.Order(), payments);
    }
}
