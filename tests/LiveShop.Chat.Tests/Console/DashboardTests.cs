using System.Globalization;
using System.Text.RegularExpressions;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Metrics;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Console;

public sealed partial class DashboardTests(SeededLiveShopServer server) : IClassFixture<SeededLiveShopServer>
{
    [Fact]
    public async Task Start_up_seeds_an_empty_database_and_the_console_shows_the_business()
    {
        var html = await server.Client.GetStringAsync("/");

        await using var db = server.Database.CreateContext();
        var from = DateTimeOffset.UtcNow.AddDays(-30);
        var revenue = await db.Orders.Where(o => o.PlacedAt >= from && o.Status != "cancelled").SumAsync(o => o.Total);
        Assert.True(revenue > 0, "the seed wrote no revenue in the last 30 days");

        Assert.Contains("Business at a glance", html);
        Assert.Equal("$" + revenue.ToString("N2", CultureInfo.InvariantCulture), Kpi(html, "kpi-revenue"));
        Assert.Matches(@"^\d+\.\d %$", Kpi(html, "kpi-refund-rate"));
        var topRows = TableRow().Matches(html[html.IndexOf("data-testid=\"top-products\"", StringComparison.Ordinal)..]);
        Assert.Equal(5, topRows.Count(m => m.Value.Contains("<td>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Overview_counts_orders_and_refund_rate_from_the_tables()
    {
        await using var db = server.Database.CreateContext();
        var query = new BusinessOverviewQuery(new SingleContextFactory(server.Database), TimeProvider.System);
        var overview = await query.GetAsync(days: 30);

        var from = overview.From;
        var orders = await db.Orders.Where(o => o.PlacedAt >= from && o.PlacedAt < overview.To && o.Status != "cancelled").Select(o => o.Id).ToListAsync();
        var refunded = await db.Refunds.Where(r => orders.Contains(r.OrderId)).Select(r => r.OrderId).Distinct().CountAsync();
        Assert.Equal(orders.Count, overview.Orders);
        Assert.Equal(Math.Round(100m * refunded / orders.Count, 2), overview.RefundRatePct);
        Assert.True(overview.AdSpend > 0);
        Assert.Equal(5, overview.TopProducts.Count);
        Assert.True(overview.TopProducts.Zip(overview.TopProducts.Skip(1)).All(p => p.First.Revenue >= p.Second.Revenue));
    }

    private static string Kpi(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\">\\s*<div class=\"label\">[^<]*</div>\\s*<div class=\"value\">([^<]*)</div>");
        Assert.True(match.Success, $"{testId} not rendered");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();
}
