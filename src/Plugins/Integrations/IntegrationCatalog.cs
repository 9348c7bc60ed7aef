using LiveShop.Kernel.Actions.Definitions;
namespace LiveShop.Plugins.Integrations;

/// <summary>Every integration of the business, in one list: the console, start-up validation and docs read it.</summary>
public static class IntegrationCatalog
{
    /// <summary>All integrations, grouped by family.</summary>
    public static IReadOnlyList<IntegrationDescriptor> All { get; } =
    [
        Real("shopify", IntegrationFamily.Commerce, "Shopify", "Shopify", "ShopDomain", "AccessToken")
            with { OptionalSettings = ["ApiVersion", "BaseUrl", "PageSize", "TransientRetryDelay", "SyncInterval"] },
        Contract("tiktok_shop", IntegrationFamily.Commerce, "TikTok Shop", "TikTokShop", "AppKey", "AppSecret", "AccessToken"),
        Contract("youtube", IntegrationFamily.Commerce, "YouTube Shopping", "YouTubeShopping", "ClientId", "ClientSecret", "RefreshToken"),
        Contract("amazon", IntegrationFamily.Commerce, "Amazon", "Amazon", "SellerId", "RefreshToken", "ClientId", "ClientSecret"),
        Contract("ebay", IntegrationFamily.Commerce, "eBay", "Ebay", "ClientId", "ClientSecret", "RefreshToken"),
        Contract("etsy", IntegrationFamily.Commerce, "Etsy", "Etsy", "ApiKey", "ShopId", "AccessToken"),
        Real("stripe", IntegrationFamily.Payments, "Stripe", "Stripe", "SecretKey") with { OptionalSettings = ["ApiBase", "MaxNetworkRetries"] },
        Contract("paypal", IntegrationFamily.Payments, "PayPal", "PayPal", "ClientId", "ClientSecret"),
        Contract("wise", IntegrationFamily.Payments, "Wise", "Wise", "ApiToken", "ProfileId"),
        Contract("shipbob", IntegrationFamily.Fulfillment, "ShipBob", "ShipBob", "AccessToken"),
        Contract("au_3pl", IntegrationFamily.Fulfillment, "Australian 3PL", "Au3pl", "ApiKey", "WarehouseId"),
        Contract("shipping_labels", IntegrationFamily.Fulfillment, "Shipping labels", "ShippingLabels", "ApiKey"),
        Contract("xero", IntegrationFamily.Accounting, "Xero", "Xero", "ClientId", "ClientSecret", "TenantId"),
        Contract("quickbooks", IntegrationFamily.Accounting, "QuickBooks Online", "QuickBooks", "ClientId", "ClientSecret", "RealmId"),
        Contract("tiktok_ads", IntegrationFamily.Advertising, "TikTok Ads", "TikTokAds", "AccessToken", "AdvertiserId"),
        Contract("meta_ads", IntegrationFamily.Advertising, "Meta Ads", "MetaAds", "AccessToken", "AdAccountId"),
        Contract("google_ads", IntegrationFamily.Advertising, "Google Ads", "GoogleAds", "DeveloperToken", "CustomerId", "RefreshToken"),
        Contract("gorgias", IntegrationFamily.Support, "Gorgias", "Gorgias", "Domain", "ApiKey"),
        Contract("zendesk", IntegrationFamily.Support, "Zendesk", "Zendesk", "Subdomain", "Email", "ApiToken"),
        Real("email", IntegrationFamily.Support, "Email (SMTP/IMAP)", "Email", "SmtpHost", "ImapHost", "UserName", "Password", "FromAddress")
            with { OptionalSettings = ["SmtpPort", "ImapPort", "Security", "Mailbox", "PollSeconds", "SendAttempts"] },
        Contract("trend_signals", IntegrationFamily.Research, "Trend signals", "TrendSignals", "ApiKey"),
        Real("product_pages", IntegrationFamily.Research, "Product page research", "ProductPages", "UserAgent")
            with { OptionalSettings = ["AllowPrivateAddresses", "Timeout", "MaxPageBytes", "RobotsCacheDuration", "MaxCrawlDelay"] },
    ];

    /// <summary>The integration with this id, or null.</summary>
    public static IntegrationDescriptor? Find(string id) => All.FirstOrDefault(i => i.Id == id);

    private static IntegrationDescriptor Real(string id, IntegrationFamily family, string name, string section, params string[] required) =>
        Contract(id, family, name, section, required) with { HasRealClient = true };

    private static IntegrationDescriptor Contract(string id, IntegrationFamily family, string name, string section, params string[] required) => new()
    {
        Id = id, Family = family, DisplayName = name, ConfigurationSection = $"Integrations:{section}", RequiredSettings = required,
    };
}
