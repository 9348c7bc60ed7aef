using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Api;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;

namespace LiveShop.Chat.Cli;

/// <summary><c>integrations list [--json]</c>: every integration by family with its state and required setting names (never values).</summary>
internal static class IntegrationsCommand
{
    public static Command Create()
    {
        var integrations = new Command("integrations", "The external tools: which are sandbox, live and connected, or awaiting connection.");
        var json = new Option<bool>("--json") { Description = "Print the same JSON as GET /api/integrations" };
        var list = new Command("list", "List every integration by family with its state and the settings that make it live.") { json };
        list.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            var directory = new IntegrationDirectory(configuration);
            await using var dataSource = await DatabaseBootstrap.OpenAsync(configuration, result.Error(), cancellationToken);
            var states = await new IntegrationConnections(() => LiveShopDataSource.CreateContext(dataSource), directory).ListAsync(cancellationToken);
            var views = states.Select(IntegrationView.From).ToList();
            if (result.GetValue(json))
            {
                result.Out().WriteLine(JsonSerializer.Serialize(new IntegrationsList(views), JsonDefaults.Options));
                return 0;
            }
            foreach (var family in views.GroupBy(v => v.Family))
            {
                result.Out().WriteLine(family.Key);
                foreach (var view in family)
                    result.Out().WriteLine($"  {view.Id,-16} {view.Name,-24} {view.Label,-38} {(view.RealClient ? "real client" : "contract + sandbox"),-19} " +
                                           $"{view.ConfigurationSection}: {string.Join(", ", view.RequiredSettings)}");
            }
            return 0;
        });
        integrations.Add(list);
        return integrations;
    }
}
