using LiveShop.Chat.Hosting;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Hosting;

public sealed class CompositionTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private IConfiguration CliConfiguration => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:LiveShop"] = server.Database.ConnectionString,
        ["ConnectionStrings:LiveShopOwner"] = server.Database.OwnerConnectionString,
        ["LiveShop:DataDirectory"] = server.DataDirectory,
    }).Build();

    /// <summary>Contributions the web host's surfaces add to (the verbs have no Slack or Teams to deliver to).</summary>
    private static readonly Type[] HostSurfaceContributions = [typeof(LiveShop.Memory.Events.Subscriptions.IEventSubscription)];

    [Fact]
    public void Every_service_a_verb_gets_resolves_there_and_is_the_web_hosts_too()
    {
        var cli = LiveShopComposition.CliServices(server.Database.DataSource, CliConfiguration);
        using var verb = cli.BuildServiceProvider();
        var web = server.Services.GetRequiredService<IServiceProviderIsService>();

        // What the product registers (not the logging each host sets up its own way).
        var types = new ServiceCollection().AddLiveShopCore(CliConfiguration, server.Database.DataSource)
            .Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.ServiceType.IsGenericTypeDefinition)
            .Select(d => d.ServiceType).Distinct().ToList();

        Assert.Contains(typeof(ToolGateway), types);
        Assert.Contains(typeof(KernelFactory), types);
        foreach (var type in types)
        {
            Assert.True(web.IsService(type), $"{type} is registered for verbs but not in the web host");
            Assert.NotEmpty(verb.GetServices(type));
            var (inVerb, inWeb) = (verb.GetServices(type).Count(), server.Services.GetServices(type).Count());
            if (HostSurfaceContributions.Contains(type))
            {
                // The web host adds its own surfaces' contributions on top (alert delivery to Slack and Teams subscribes to
                // the event chain); every contribution the verbs get must still be there, once.
                var verbKinds = verb.GetServices(type).Select(s => s!.GetType()).ToList();
                var webKinds = server.Services.GetServices(type).Select(s => s!.GetType()).ToList();
                Assert.All(verbKinds, kind => Assert.Single(webKinds, kind));
                continue;
            }
            Assert.True(inVerb == inWeb, $"{type}: {inVerb} registration(s) for verbs, {inWeb} in the web host");
        }
    }
}
