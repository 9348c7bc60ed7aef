using LiveShop.Kernel.Functions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Accounting;
using LiveShop.Plugins.Ads;
using LiveShop.Plugins.Commerce;
using LiveShop.Plugins.Fulfillment;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;
using LiveShop.Plugins.Internal;
using LiveShop.Plugins.Memory;
using LiveShop.Plugins.Payments;
using LiveShop.Plugins.Payments.Stripe;
using LiveShop.Plugins.Platform;
using LiveShop.Plugins.Research;
using LiveShop.Plugins.Research.ProductPages;
using LiveShop.Plugins.Research.Trends;
using LiveShop.Plugins.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace LiveShop.Plugins.Functions;

/// <summary>Every concrete plugin the product exposes to personas, under its plugin name.</summary>
public static class LiveShopPlugins
{
    /// <summary>The plugin names, for persona allow-lists.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [CommercePlugin.Name, AdsPlugin.Name, FulfillmentPlugin.Name, PaymentsPlugin.Name, SupportPlugin.Name, AccountingPlugin.Name, ResearchPlugin.Name,
            InternalPlugin.Name, MemoryPlugin.Name, IntegrationsPlugin.Name, PlatformPlugin.Name];

    /// <summary>
    /// Creates every plugin over the business database; <paramref name="memory"/> serves knowledge and learnings. Without
    /// <paramref name="integrations"/> every integration is sandbox; <paramref name="stripe"/> is the live Stripe account, when configured;
    /// <paramref name="pages"/> reads external product pages (a fetcher with default options when not given).
    /// </summary>
    public static IReadOnlyList<PluginRegistration> Create(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time, MemoryPlugin memory,
        IntegrationConnections? integrations = null, StripeAccount? stripe = null, IProductPageSource? pages = null)
    {
        integrations ??= new IntegrationConnections(contexts.CreateDbContext, IntegrationDirectory.AllSandbox());
        return
        [
            new(CommercePlugin.Name, new CommercePlugin(contexts, time)),
            new(AdsPlugin.Name, new AdsPlugin(contexts, time)),
            new(FulfillmentPlugin.Name, new FulfillmentPlugin(contexts, time)),
            new(PaymentsPlugin.Name, new PaymentsPlugin(contexts, time, integrations, stripe)),
            new(SupportPlugin.Name, new SupportPlugin(contexts, time)),
            new(AccountingPlugin.Name, new AccountingPlugin(SandboxLedger.ForEveryProvider(contexts)[0], time)),
            new(ResearchPlugin.Name, new ResearchPlugin(new OwnSalesTrendSignals(contexts), pages ?? ProductPagesOff.Instance, time)),
            new(InternalPlugin.Name, new InternalPlugin()),
            new(MemoryPlugin.Name, memory),
            new(IntegrationsPlugin.Name, new IntegrationsPlugin(integrations)),
            new(PlatformPlugin.Name, new PlatformPlugin()),
        ];
    }

    /// <summary>
    /// Registers each plugin as its own <see cref="PluginRegistration"/> singleton, so <see cref="KernelFactory"/> receives
    /// them (with any other plugin registered the same way) as <c>IEnumerable&lt;PluginRegistration&gt;</c>. The plugins are
    /// created once, together, and each registration hands out its own.
    /// </summary>
    public static IServiceCollection AddProductPlugins(this IServiceCollection services)
    {
        // The open web is reached only when the product_pages integration is configured (its user agent names the business).
        services.AddSingleton<IProductPageSource>(sp => sp.GetService<IntegrationDirectory>()?.IsLive("product_pages") == true
            ? new ProductPageFetcher(
                sp.GetRequiredService<IConfiguration>().GetSection(ProductPageOptions.Section).Get<ProductPageOptions>() ?? new ProductPageOptions(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System)
            : ProductPagesOff.Instance);
        services.AddSingleton(sp => new ProductPlugins(Create(
            sp.GetRequiredService<IDbContextFactory<LiveShopDbContext>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<MemoryPlugin>(),
            sp.GetService<IntegrationConnections>(),
            sp.GetService<StripeAccount>(),
            sp.GetRequiredService<IProductPageSource>())));
        for (var i = 0; i < Names.Count; i++)
        {
            var index = i;
            services.AddSingleton(sp => sp.GetRequiredService<ProductPlugins>().All[index]);
        }
        return services;
    }

    /// <summary>The product's plugins, created once for the registrations that hand them out one by one.</summary>
    private sealed record ProductPlugins(IReadOnlyList<PluginRegistration> All);
}
