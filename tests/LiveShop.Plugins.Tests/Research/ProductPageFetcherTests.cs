using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using LiveShop.Plugins.Research.ProductPages;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Plugins.Tests.Research;

public sealed class ProductPageFetcherTests : IAsyncLifetime
{
    private FakeShopSite _site = null!;

    private static readonly ProductPageOptions LoopbackAllowed = new()
    {
        UserAgent = "LiveShopResearch/1.0 (+test)", AllowPrivateAddresses = true, MaxPageBytes = 100_000, Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task InitializeAsync() => _site = await FakeShopSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private ProductPageFetcher Fetcher(ProductPageOptions? options = null) => new(options ?? LoopbackAllowed, TimeProvider.System);

    [Fact]
    public async Task An_allowed_page_is_fetched_with_our_user_agent_and_parsed_from_json_ld()
    {
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(_site.BaseUrl + "/products/ice-roller", default);

        Assert.Null(fetch.Refusal);
        Assert.Equal("Ice Roller & Facial Massager", fetch.Page!.Title);
        Assert.Equal(24.95m, fetch.Page.Price);
        Assert.Equal("AUD", fetch.Page.Currency);
        Assert.Equal("json-ld", fetch.Page.PriceSource);
        Assert.Equal("Cooling roller for morning puffiness.", fetch.Page.Description);
        Assert.Equal(["/robots.txt", "/products/ice-roller"], _site.Requests.Select(r => r.PathAndQuery));
        Assert.All(_site.Requests, r => Assert.Equal("LiveShopResearch/1.0 (+test)", r.UserAgent));
    }

    [Fact]
    public async Task A_disallowed_path_is_refused_with_the_rule_and_never_requested()
    {
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(_site.BaseUrl + "/private/hidden", default);

        Assert.Null(fetch.Page);
        Assert.Contains("robots.txt", fetch.Refusal);
        Assert.Contains("disallows /private/hidden", fetch.Refusal);
        Assert.Contains("Disallow: /private/", fetch.Refusal);
        Assert.Empty(_site.PageRequests);
    }

    [Fact]
    public async Task A_redirect_into_a_disallowed_path_is_not_followed()
    {
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(_site.BaseUrl + "/products/moved", default);

        Assert.Contains("disallows /private/hidden", fetch.Refusal);
        Assert.Equal(["/products/moved"], _site.PageRequests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Crawl_delay_spaces_fetches_to_one_host_and_robots_txt_is_fetched_once()
    {
        _site.Robots = "User-agent: liveshopresearch\nCrawl-delay: 0.6\nDisallow: /private/\n";
        // The delay is kept on the fetcher's clock, which moves only here, so how long the machine takes changes nothing.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        _site.Clock = clock;
        using var fetcher = new ProductPageFetcher(LoopbackAllowed, clock);

        var first = await fetcher.FetchAsync(_site.BaseUrl + "/products/ice-roller", default);
        var second = fetcher.FetchAsync(_site.BaseUrl + "/products/gua-sha", default);
        clock.Advance(TimeSpan.FromMilliseconds(599));
        Assert.False(second.IsCompleted, "the second fetch did not wait for the crawl delay");
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.NotNull(first.Page);
        Assert.NotNull((await second).Page);
        var pages = _site.PageRequests;
        Assert.Equal(2, pages.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(600), pages[1].At - pages[0].At);
        Assert.Single(_site.Requests, r => r.PathAndQuery == "/robots.txt");
    }

    [Fact]
    public async Task A_crawl_delay_beyond_our_patience_is_refused()
    {
        _site.Robots = "User-agent: *\nCrawl-delay: 120\n";
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(_site.BaseUrl + "/products/ice-roller", default);

        Assert.Contains("crawl delay of 120 s", fetch.Refusal);
        Assert.Empty(_site.PageRequests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_robots_txt_that_fails_on_the_server_means_disallow_all(int status)
    {
        _site.RobotsStatus = status;
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(_site.BaseUrl + "/products/ice-roller", default);

        Assert.Null(fetch.Page);
        Assert.Contains($"could not be read (HTTP {status})", fetch.Refusal);
        Assert.Empty(_site.PageRequests);
    }

    [Fact]
    public async Task A_missing_robots_txt_means_everything_is_allowed()
    {
        _site.RobotsStatus = 404;
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(_site.BaseUrl + "/private/hidden", default);

        Assert.Equal("secret", fetch.Page!.Title);
    }

    [Theory]
    [InlineData("ftp://example.com/product")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public async Task Only_http_and_https_are_fetched(string url)
    {
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(url, default);

        Assert.Null(fetch.Page);
        Assert.StartsWith("only http and https", fetch.Refusal);
    }

    [Fact]
    public async Task Without_the_explicit_allowance_loopback_addresses_and_names_are_refused()
    {
        using var fetcher = Fetcher(LoopbackAllowed with { AllowPrivateAddresses = false });

        var literal = await fetcher.FetchAsync(_site.BaseUrl + "/products/ice-roller", default);
        var named = await fetcher.FetchAsync(_site.BaseUrl.Replace("127.0.0.1", "localhost") + "/products/ice-roller", default);

        Assert.Contains("internal address", literal.Refusal);
        Assert.Contains("internal", named.Refusal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_page_over_the_size_limit_is_refused()
    {
        using var fetcher = Fetcher();

        var fetch = await fetcher.FetchAsync(_site.BaseUrl + "/products/huge", default);

        Assert.Contains("larger than the 100000 byte limit", fetch.Refusal);
    }

    [Fact]
    public void Options_are_read_from_the_product_pages_integration_section()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:ProductPages:UserAgent"] = "AcmeShopBot/2.0 (+https://acme.example/bot)",
            ["Integrations:ProductPages:Timeout"] = "00:00:04",
            ["Integrations:ProductPages:MaxCrawlDelay"] = "00:00:05",
        }).Build();

        var options = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<ProductPageOptions>(configuration.GetSection(ProductPageOptions.Section))!;

        Assert.Equal("AcmeShopBot", options.ProductToken);
        Assert.Equal(TimeSpan.FromSeconds(4), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxCrawlDelay);
        Assert.False(options.AllowPrivateAddresses);
    }

    [Fact]
    public void Meta_tags_stand_in_when_a_page_has_no_structured_data()
    {
        var page = ProductPageParser.Parse("https://shop.example/gua-sha", FakeShopSite.MetaOnlyPage);

        Assert.Equal("Gua Sha Set", page.Title);
        Assert.Equal(1299.00m, page.Price);
        Assert.Equal("EUR", page.Currency);
        Assert.Equal("meta", page.PriceSource);
        Assert.Equal("Rose quartz, hand polished.", page.Description);
    }

    [Fact]
    public async Task Without_a_configured_user_agent_the_product_reaches_no_web_page_and_says_how_to_turn_it_on()
    {
        var source = PageSource(new ConfigurationBuilder().Build());
        var fetch = await source.FetchAsync(_site.BaseUrl + "/products/ice-roller", default);

        Assert.IsType<ProductPagesOff>(source);
        Assert.Null(fetch.Page);
        Assert.Contains("Integrations:ProductPages:UserAgent", fetch.Refusal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task With_a_configured_user_agent_the_registered_source_fetches_with_it()
    {
        var source = PageSource(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:ProductPages:UserAgent"] = "AcmeResearch/2.0", ["Integrations:ProductPages:AllowPrivateAddresses"] = "true",
        }).Build());
        var fetch = await source.FetchAsync(_site.BaseUrl + "/products/ice-roller", default);

        Assert.Equal(24.95m, fetch.Page!.Price);
        Assert.All(_site.Requests, r => Assert.Equal("AcmeResearch/2.0", r.UserAgent));
    }

    private static LiveShop.Plugins.Research.IProductPageSource PageSource(IConfiguration configuration)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddSingleton(configuration)
            .AddSingleton(new LiveShop.Plugins.Integrations.IntegrationDirectory(configuration));
        LiveShop.Plugins.Functions.LiveShopPlugins.AddProductPlugins(services);
        return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<LiveShop.Plugins.Research.IProductPageSource>(services.BuildServiceProvider());
    }
}
