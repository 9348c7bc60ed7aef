using Microsoft.Extensions.Configuration;

namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>The settings of the Shopify connector, from the configuration section <c>Integrations:Shopify</c>.</summary>
public sealed class ShopifyOptions
{
    /// <summary>The configuration section holding the settings.</summary>
    public const string Section = "Integrations:Shopify";

    /// <summary>
    /// The Admin API version used when none is configured. The <c>@idempotent</c> directive that refunds carry exists
    /// from 2026-01 and is mandatory from 2026-04, so older versions would refuse our refunds.
    /// </summary>
    public const string DefaultApiVersion = "2026-04";

    /// <summary>The shop's myshopify domain, e.g. <c>liveshop.myshopify.com</c>.</summary>
    public required string ShopDomain { get; init; }

    /// <summary>The Admin API access token; sent only as the <c>X-Shopify-Access-Token</c> header, never logged.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The Admin API version in the endpoint path.</summary>
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>Where the API is reached instead of <c>https://{ShopDomain}</c> (a local stand-in in tests).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// Nodes per page when paging through orders and products: eight orders with their nested lines, transactions and
    /// refunds stay well inside a standard shop's 1000-point bucket.
    /// </summary>
    public int PageSize { get; init; } = 8;

    /// <summary>How often one request is retried after Shopify throttled it (GraphQL cost or HTTP 429) before giving up.</summary>
    public int MaxRateLimitRetries { get; init; } = 5;

    /// <summary>The first back-off before retrying a 5xx or network failure; it grows exponentially.</summary>
    public TimeSpan TransientRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the host syncs products and orders into the database; zero turns the background sync off.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The GraphQL endpoint.</summary>
    public Uri Endpoint => new($"{(BaseUrl?.ToString() ?? $"https://{ShopDomain}").TrimEnd('/')}/admin/api/{ApiVersion}/graphql.json");

    /// <summary>Whether the section holds the settings that make Shopify live.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:ShopDomain"]) && !string.IsNullOrWhiteSpace(configuration[$"{Section}:AccessToken"]);

    /// <summary>Whether any Shopify setting is present at all (a half-configured shop is an error, not the sandbox).</summary>
    public static bool IsMentioned(IConfiguration configuration) =>
        configuration.GetSection(Section).AsEnumerable(makePathsRelative: true).Any(kv => !string.IsNullOrWhiteSpace(kv.Value));

    /// <summary>Reads the settings; a missing required one or an unreadable optional one is an error naming the setting.</summary>
    public static ShopifyOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        string Required(string name) => string.IsNullOrWhiteSpace(section[name])
            ? throw new InvalidOperationException($"{Section}:{name} is not set")
            : section[name]!.Trim();
        var baseUrl = section["BaseUrl"];
        var domain = Required("ShopDomain");
        // Accept what people paste from the browser (https://x.myshopify.com/admin) but keep only the host.
        if (Uri.TryCreate(domain.Contains("://", StringComparison.Ordinal) ? domain : $"https://{domain}", UriKind.Absolute, out var pasted)
            && Uri.CheckHostName(pasted.Host) == UriHostNameType.Dns) domain = pasted.Host;
        else throw new InvalidOperationException($"{Section}:ShopDomain '{domain}' is not a shop domain such as liveshop.myshopify.com");
        return new ShopifyOptions
        {
            ShopDomain = domain,
            AccessToken = Required("AccessToken"),
            ApiVersion = string.IsNullOrWhiteSpace(section["ApiVersion"]) ? DefaultApiVersion : section["ApiVersion"]!.Trim(),
            BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? null
                : Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri
                : throw new InvalidOperationException($"{Section}:BaseUrl '{baseUrl}' is not an absolute URL"),
            PageSize = int.TryParse(section["PageSize"], out var pageSize) && pageSize is > 0 and <= 250 ? pageSize : 8,
            TransientRetryDelay = Duration(section, "TransientRetryDelay", TimeSpan.FromSeconds(1)),
            SyncInterval = Duration(section, "SyncInterval", TimeSpan.FromMinutes(5)),
        };
    }

    private static TimeSpan Duration(IConfigurationSection section, string name, TimeSpan fallback) =>
        string.IsNullOrWhiteSpace(section[name]) ? fallback
        : TimeSpan.TryParse(section[name], System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero ? value
        : throw new InvalidOperationException($"{Section}:{name} '{section[name]}' is not a duration such as 00:05:00");

    /// <summary>The settings without the token, safe for logs.</summary>
    public override string ToString() => $"Shopify {ShopDomain} (API {ApiVersion}, endpoint {Endpoint})";
}
