using LiveShop.Plugins.Integrations;

namespace LiveShop.Plugins.Research.ProductPages;

/// <summary>
/// How the product-page fetcher behaves on the open web; bound from the <c>product_pages</c> integration's section
/// (<c>Integrations:ProductPages</c>).
/// </summary>
public sealed record ProductPageOptions
{
    /// <summary>The configuration section these options are read from: the catalog's section of <c>product_pages</c>.</summary>
    public static string Section => IntegrationCatalog.Find("product_pages")!.ConfigurationSection;

    /// <summary>The User-Agent header sent; its product token (the part before the first '/') selects robots.txt groups.</summary>
    public string UserAgent { get; init; } = "LiveShopResearch/1.0 (+https://liveshop.local/research)";

    /// <summary>
    /// Whether loopback, private and link-local addresses may be fetched. Off in production (a request must never reach
    /// the product's own network); tests that serve pages on 127.0.0.1 turn it on explicitly.
    /// </summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>The longest one fetch (robots.txt and page together) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pages larger than this are refused rather than read.</summary>
    public int MaxPageBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>How long a host's robots.txt is reused before it is fetched again (RFC 9309 asks for at most 24 hours).</summary>
    public TimeSpan RobotsCacheDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A host asking for a longer Crawl-delay than this is not fetched at all rather than stalling an agent's turn.</summary>
    public TimeSpan MaxCrawlDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The product token of <see cref="UserAgent"/>, matched against robots.txt user-agent lines.</summary>
    public string ProductToken
    {
        get
        {
            var first = UserAgent.Trim().Split(' ', 2)[0];
            var slash = first.IndexOf('/');
            return slash > 0 ? first[..slash] : first;
        }
    }
}
