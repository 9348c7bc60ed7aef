using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using LiveShop.Plugins.Functions;
using LiveShop.Plugins.Integrations;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Tests.Functions;

public sealed class PluginRegistrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public void Every_plugin_is_registered_once_and_all_of_them_are_created_together_once()
    {
        var creations = 0;
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new IntegrationDirectory(configuration))
            .AddSingleton(MemoryPlugins.Over(database))
            // Transient on purpose: every creation of the plugin set asks for the clock once.
            .AddTransient(_ => { creations++; return TimeProvider.System; });
        services.AddDbContextFactory<LiveShopDbContext>(options => options.UseLiveShopDatabase(database.DataSource));
        services.AddProductPlugins();
        using var provider = services.BuildServiceProvider();

        var plugins = provider.GetServices<PluginRegistration>().ToList();

        Assert.Equal(LiveShopPlugins.Names, plugins.Select(p => p.Name));
        Assert.Equal(plugins.Count, plugins.Select(p => p.Instance).Distinct().Count());
        Assert.Equal(1, creations);
    }
}
