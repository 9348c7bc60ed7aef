using System.Collections.Concurrent;
using System.Net;
using System.Text;
using LiveShop.Plugins.Research.Robots;

namespace LiveShop.Plugins.Research.ProductPages;

/// <summary>The outcome of one fetch: the parsed page, or why it was not fetched.</summary>
/// <param name="Page">The page, when it was fetched and parsed.</param>
/// <param name="Refusal">Why nothing was fetched (robots.txt, scheme, address, size, timeout, HTTP status).</param>
public sealed record ProductPageFetch(ProductPage? Page, string? Refusal);

/// <summary>
/// Fetches external product pages the polite way: only http(s), only public addresses (unless configured for tests),
/// only where the host's robots.txt allows our user agent, no faster than its Crawl-delay, within a size and time limit.
/// </summary>
public sealed class ProductPageFetcher : IProductPageSource, IDisposable
{
    private const int MaxPageRedirects = 3;
    private const int MaxRobotsRedirects = 5;

    private readonly ProductPageOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, RobotsEntry> _robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, HostGate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a fetcher with its own guarded HTTP handler.</summary>
    public ProductPageFetcher(ProductPageOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = AddressGuard.ConnectCallback(options.AllowPrivateAddresses),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    /// <inheritdoc />
    public async Task<ProductPageFetch> FetchAsync(string url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var target = url.Trim();
            for (var hop = 0; hop <= MaxPageRedirects; hop++)
            {
                if (!Uri.TryCreate(target, UriKind.Absolute, out var uri)) return Refused($"'{target}' is not an absolute address");
                if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                    return Refused($"only http and https addresses can be fetched, not {uri.Scheme}:");
                if (!_options.AllowPrivateAddresses && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && AddressGuard.IsInternal(literal))
                    return Refused($"{uri.Host} is an internal address; research fetches reach public hosts only");

                var robots = await RobotsForAsync(uri, timeout.Token);
                if (robots.Unreadable is { } why)
                    return Refused($"robots.txt of {uri.Authority} could not be read ({why}); RFC 9309 treats that as 'disallow all', so {uri.AbsolutePath} was not fetched");
                var decisive = robots.Rules.Decide(uri.PathAndQuery);
                if (decisive is { Allow: false })
                    return Refused($"robots.txt of {uri.Authority} disallows {uri.PathAndQuery} for {_options.ProductToken} (rule 'Disallow: {decisive.Pattern}'); the page was not fetched");
                if (robots.Rules.CrawlDelay is { } delay && delay > _options.MaxCrawlDelay)
                    return Refused($"robots.txt of {uri.Authority} asks for a crawl delay of {delay.TotalSeconds} s, longer than the {_options.MaxCrawlDelay.TotalSeconds} s we wait");

                using var response = await PoliteGetAsync(uri, robots.Rules.CrawlDelay, timeout.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    target = new Uri(uri, location).ToString();
                    continue;
                }
                if (!response.IsSuccessStatusCode) return Refused($"{uri} answered HTTP {(int)response.StatusCode}");
                var mediaType = response.Content.Headers.ContentType?.MediaType ?? "text/html";
                if (mediaType is not ("text/html" or "application/xhtml+xml"))
                    return Refused($"{uri} is {mediaType}, not an HTML page");
                var html = await ReadLimitedAsync(response, _options.MaxPageBytes, timeout.Token);
                if (html is null) return Refused($"{uri} is larger than the {_options.MaxPageBytes} byte limit");
                return new ProductPageFetch(ProductPageParser.Parse(uri.ToString(), html), null);
            }
            return Refused($"{url} redirected more than {MaxPageRedirects} times");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refused($"fetching {url} took longer than {_options.Timeout.TotalSeconds} s");
        }
        catch (HttpRequestException e) when (e.InnerException is BlockedAddressException blocked)
        {
            return Refused(blocked.Message);
        }
        catch (HttpRequestException e)
        {
            return Refused($"{url} could not be reached: {e.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static ProductPageFetch Refused(string why) => new(null, why);

    private async Task<HttpResponseMessage> PoliteGetAsync(Uri uri, TimeSpan? crawlDelay, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(Origin(uri), _ => new HostGate());
        // Holding the host's gate through the request keeps concurrent fetches of one host in single file.
        await gate.Lock.WaitAsync(cancellationToken);
        try
        {
            if (crawlDelay is { } delay && gate.LastFetch is { } last)
            {
                var wait = last + delay - _time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);
            }
            gate.LastFetch = _time.GetUtcNow();
            return await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    private async Task<RobotsEntry> RobotsForAsync(Uri page, CancellationToken cancellationToken)
    {
        var origin = Origin(page);
        var now = _time.GetUtcNow();
        if (_robots.TryGetValue(origin, out var cached) && now - cached.FetchedAt < _options.RobotsCacheDuration) return cached;
        var entry = await FetchRobotsAsync(new Uri(origin + "/robots.txt"), cancellationToken) with { FetchedAt = now };
        _robots[origin] = entry;
        return entry;
    }

    private async Task<RobotsEntry> FetchRobotsAsync(Uri robotsUri, CancellationToken cancellationToken)
    {
        try
        {
            var target = robotsUri;
            for (var hop = 0; hop <= MaxRobotsRedirects; hop++)
            {
                using var response = await _http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    target = new Uri(target, location);
                    continue;
                }
                if (response.IsSuccessStatusCode)
                {
                    var body = await ReadLimitedAsync(response, RobotsRules.MaxParsedBytes, cancellationToken, truncate: true) ?? "";
                    return new RobotsEntry(RobotsRules.Parse(body, _options.ProductToken), null, default);
                }
                // A 429 asks us to slow down: not a permission, so it counts as unreachable like a 5xx.
                if (status is >= 400 and < 500 && status != 429) return new RobotsEntry(RobotsRules.AllowAll, null, default);
                return new RobotsEntry(RobotsRules.DisallowAll, $"HTTP {status}", default);
            }
            return new RobotsEntry(RobotsRules.DisallowAll, "too many redirects", default);
        }
        catch (HttpRequestException e)
        {
            return new RobotsEntry(RobotsRules.DisallowAll, e.InnerException is BlockedAddressException b ? b.Message : "unreachable", default);
        }
    }

    private static async Task<string?> ReadLimitedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken, bool truncate = false)
    {
        if (!truncate && response.Content.Headers.ContentLength > limit) return null;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(limit + 1, 64 * 1024)];
        using var collected = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            collected.Write(buffer, 0, read);
            if (collected.Length > limit)
            {
                if (!truncate) return null;
                collected.SetLength(limit);
                break;
            }
        }
        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = Encoding.UTF8;
        try { if (!string.IsNullOrWhiteSpace(charset)) encoding = Encoding.GetEncoding(charset.Trim('"')); }
        catch (ArgumentException) { }
        return encoding.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private sealed record RobotsEntry(RobotsRules Rules, string? Unreadable, DateTimeOffset FetchedAt);

    private sealed class HostGate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public DateTimeOffset? LastFetch { get; set; }
    }
}
