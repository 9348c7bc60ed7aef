using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Tests.Research;

/// <summary>One request the site served: path, user agent and when (on the site's own stopwatch).</summary>
public sealed record SiteRequest(string PathAndQuery, string UserAgent, DateTimeOffset At);

/// <summary>A small shop website on 127.0.0.1 with a robots.txt of the test's choosing and a few product pages.</summary>
public sealed class FakeShopSite : IAsyncDisposable
{
    public const string IceRollerPage = """
        <html><head><title>Ice Roller | Rival Shop</title>
        <meta name="description" content="Meta description that JSON-LD outranks">
        <script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"BreadcrumbList"},
         {"@type":"Product","name":"Ice Roller &amp; Facial Massager","description":"Cooling roller for morning puffiness.",
          "offers":{"@type":"Offer","price":"24.95","priceCurrency":"AUD"}}]}
        </script></head><body><h1>Ice Roller</h1></body></html>
        """;

    public const string MetaOnlyPage = """
        <html><head><title>  Gua Sha   Set  </title>
        <meta property="og:description" content="Rose quartz, hand polished.">
        <meta property="product:price:amount" content="1.299,00"><meta property="product:price:currency" content="EUR">
        </head><body></body></html>
        """;

    private readonly ConcurrentQueue<SiteRequest> _requests = new();
    /// <summary>The clock requests are stamped by; a test gives it the fetcher's clock to see the crawl delay in that time.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    private WebApplication? _app;

    /// <summary>The status robots.txt answers with.</summary>
    public int RobotsStatus { get; set; } = 200;

    /// <summary>The robots.txt body.</summary>
    public string Robots { get; set; } = "User-agent: *\nDisallow: /private/\n";

    /// <summary>http://127.0.0.1:PORT</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<SiteRequest> Requests => _requests.ToList();

    public IReadOnlyList<SiteRequest> PageRequests => Requests.Where(r => r.PathAndQuery != "/robots.txt").ToList();

    public static async Task<FakeShopSite> StartAsync()
    {
        var site = new FakeShopSite();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = site._app = builder.Build();
        app.Use(async (context, next) =>
        {
            site._requests.Enqueue(new SiteRequest(context.Request.Path + context.Request.QueryString, context.Request.Headers.UserAgent.ToString(), site.Clock.GetUtcNow()));
            await next(context);
        });
        app.MapGet("/robots.txt", () => Results.Text(site.Robots, "text/plain", statusCode: site.RobotsStatus));
        app.MapGet("/products/ice-roller", () => Results.Text(IceRollerPage, "text/html; charset=utf-8"));
        app.MapGet("/products/gua-sha", () => Results.Text(MetaOnlyPage, "text/html"));
        app.MapGet("/products/huge", () => Results.Text("<html>" + new string('x', 300_000) + "</html>", "text/html"));
        app.MapGet("/products/moved", () => Results.Redirect("/private/hidden"));
        app.MapGet("/private/hidden", () => Results.Text("<html><title>secret</title></html>", "text/html"));
        await app.StartAsync();
        site.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
