using LiveShop.Memory.Database;
using LiveShop.Plugins.Records;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using global::Stripe;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Plugins.Payments.Stripe;

/// <summary>Registers the live Stripe connector: one HTTP client with Stripe's retry rules, the account and the refund connector.</summary>
public static class StripeRegistration
{
    /// <summary>The named HTTP client every Stripe call goes through.</summary>
    public const string HttpClientName = "stripe";

    /// <summary>
    /// Adds <see cref="StripeAccount"/> and the <see cref="RefundOrderAction"/> <see cref="ILiveActionConnector"/>; call only when Stripe
    /// is live in <paramref name="directory"/>. <paramref name="retryBaseDelay"/> shortens back-off in tests.
    /// </summary>
    public static IServiceCollection AddStripeConnector(this IServiceCollection services, IntegrationDirectory directory, TimeSpan? retryBaseDelay = null)
    {
        var settings = StripeSettings.From(directory.SettingsOf(StripeSettings.IntegrationId));
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(80))
            .AddResilienceHandler("stripe-retries", pipeline => StripeRetries.Configure(pipeline, settings, retryBaseDelay));
        services.AddSingleton(sp =>
        {
            // Stripe.net's own retries stay off: the resilience handler retries, re-sending the same idempotency key.
            var http = new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), maxNetworkRetries: 0);
            return new StripeAccount(new StripeClient(settings.SecretKey, httpClient: http, apiBase: settings.ApiBase));
        });
        services.AddSingleton<ILiveActionConnector>(sp => new StripeRefundConnector(sp.GetRequiredService<StripeAccount>(),
            sp.GetRequiredService<BusinessUnitOfWork>(), () => LiveShopDataSource.CreateContext(sp.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }
}
