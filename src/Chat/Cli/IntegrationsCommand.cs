using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Api;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Commerce.Shopify;
using LiveShop.Plugins.Commerce.Shopify.Sync;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Support.Email;

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
            var directory = ValidDirectory(configuration);
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
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
        integrations.Add(CreateSync());
        return integrations;
    }

    // The catalogue checked as the host checks it at start (an invalid one throws, naming the settings), before any database work.
    private static IntegrationDirectory ValidDirectory(IConfiguration configuration)
    {
        configuration.ReadOptions<IntegrationCatalogueOptions>(services => services.AddIntegrationCatalogue(configuration));
        return new IntegrationDirectory(configuration);
    }

    // The integrations whose data flows into the business database, and how to fetch it now.
    private static readonly Dictionary<string, Func<IServiceProvider, CancellationToken, Task<string>>> Syncs = new(StringComparer.Ordinal)
    {
        ["shopify"] = async (services, cancellationToken) =>
            await services.GetRequiredService<ShopifySync>().SyncAsync(cancellationToken) is { } synced
                ? $"shopify: {synced.ProductsRead} products and {synced.OrdersRead} orders read, {synced.EventsAppended} events written"
                : "shopify: another host is syncing right now; nothing done",
        ["email"] = async (services, cancellationToken) =>
            $"email: {await services.GetRequiredService<EmailTicketFetcher>().FetchAsync(cancellationToken)}",
    };

    private static Command CreateSync()
    {
        var id = new Argument<string>("integration") { Description = $"One of: {string.Join(", ", Syncs.Keys)}" };
        var sync = new Command("sync", "Fetch now from a live integration into the business database (Shopify products and orders, the support mailbox).") { id };
        sync.SetAction(async (result, cancellationToken) =>
        {
            var integration = result.GetValue(id)!;
            if (!Syncs.TryGetValue(integration, out var run))
            {
                result.Error().WriteLine($"'{integration}' has nothing to sync; choose one of: {string.Join(", ", Syncs.Keys)}");
                return LiveShopCli.UsageExitCode;
            }
            var configuration = LiveShopConfiguration.Build();
            if (!ValidDirectory(configuration).IsLive(integration))
            {
                result.Error().WriteLine($"{integration} is in the sandbox: configure its Integrations settings first (see docs/integrations.md)");
                return 1;
            }
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var services = host.Services;
            try
            {
                result.Out().WriteLine(await run(services, cancellationToken));
                return 0;
            }
            catch (Exception e) when (e is ShopifyApiException or EmailFetchException or HttpRequestException)
            {
                result.Error().WriteLine($"{integration} sync failed: {e.Message}");
                return 1;
            }
        });
        return sync;
    }
}
