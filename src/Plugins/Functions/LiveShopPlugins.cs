using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Ads;
using LiveShop.Plugins.Commerce;
using LiveShop.Plugins.Fulfillment;
using LiveShop.Plugins.Internal;
using LiveShop.Plugins.Memory;
using LiveShop.Plugins.Payments;
using LiveShop.Plugins.Platform;
using LiveShop.Plugins.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Functions;

/// <summary>Every concrete plugin the product exposes to personas, under its plugin name.</summary>
public static class LiveShopPlugins
{
    /// <summary>The plugin names, for persona allow-lists.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [CommercePlugin.Name, AdsPlugin.Name, FulfillmentPlugin.Name, PaymentsPlugin.Name, SupportPlugin.Name, InternalPlugin.Name, MemoryPlugin.Name, PlatformPlugin.Name];

    /// <summary>Creates every plugin over the business database; <paramref name="memory"/> serves knowledge and learnings.</summary>
    public static IReadOnlyList<PluginRegistration> Create(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time, MemoryPlugin memory) =>
    [
        new(CommercePlugin.Name, new CommercePlugin(contexts, time)),
        new(AdsPlugin.Name, new AdsPlugin(contexts, time)),
        new(FulfillmentPlugin.Name, new FulfillmentPlugin(contexts)),
        new(PaymentsPlugin.Name, new PaymentsPlugin(contexts, time)),
        new(SupportPlugin.Name, new SupportPlugin(contexts, time)),
        new(InternalPlugin.Name, new InternalPlugin()),
        new(MemoryPlugin.Name, memory),
        new(PlatformPlugin.Name, new PlatformPlugin()),
    ];

    /// <summary>
    /// Registers each plugin as its own <see cref="PluginRegistration"/> singleton, so <see cref="KernelFactory"/> receives
    /// them (with any other plugin registered the same way) as <c>IEnumerable&lt;PluginRegistration&gt;</c>.
    /// </summary>
    public static IServiceCollection AddLiveShopPlugins(this IServiceCollection services)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            var index = i;
            services.AddSingleton(sp => Create(
                sp.GetRequiredService<IDbContextFactory<LiveShopDbContext>>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<MemoryPlugin>())[index]);
        }
        return services;
    }
}
