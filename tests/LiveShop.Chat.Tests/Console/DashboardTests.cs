using System.Globalization;
using System.Text.RegularExpressions;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Metrics;
using LiveShop.Memory.Metrics.Quantities;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Console;

/// <summary>
/// The console over the seeded business. The host's clock stands still and the sandbox is paused, so the page and the
/// expectations below read the same 30 days of the same rows; the expectations count those rows with the quantities'
/// shared definitions (<see cref="Sales"/>, <see cref="RefundedAmount"/>, <see cref="RefundRate"/>).
/// </summary>
public sealed partial class DashboardTests(SeededLiveShopServer server) : IClassFixture<SeededLiveShopServer>
{
    [Fact]
    public async Task Start_up_seeds_an_empty_database_and_the_console_shows_the_business()
    {
        var html = await server.Client.GetStringAsync("/");

        var expected = await SalesOfTheLast30DaysAsync();
        Assert.True(expected.Revenue > 0, "the seed wrote no revenue in the last 30 days");

        Assert.Contains("Business at a glance", html);
        Assert.Equal("$" + expected.Revenue.ToString("N2", CultureInfo.InvariantCulture), Kpi(html, "kpi-revenue"));
        Assert.Equal(expected.Orders.ToString("N0", CultureInfo.InvariantCulture), Kpi(html, "kpi-orders"));
        Assert.Equal(expected.RefundRatePct.ToString("0.0", CultureInfo.InvariantCulture) + " %", Kpi(html, "kpi-refund-rate"));
        var topRows = TableRow().Matches(html[html.IndexOf("data-testid=\"top-products\"", StringComparison.Ordinal)..]);
        Assert.Equal(5, topRows.Count(m => m.Value.Contains("<td>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Overview_counts_orders_and_refund_rate_from_the_tables()
    {
        var query = new BusinessOverviewQuery(new SingleContextFactory(server.Database), server.Clock);
        var overview = await query.GetAsync(days: 30);

        var expected = await SalesOfTheLast30DaysAsync();
        Assert.Equal(expected.Window, new TimeWindow(overview.From, overview.To));
        Assert.Equal(expected.Orders, overview.Orders);
        Assert.Equal(expected.Revenue, overview.Revenue);
        Assert.Equal(expected.RefundRatePct, overview.RefundRatePct);
        Assert.True(overview.AdSpend > 0);
        Assert.Equal(5, overview.TopProducts.Count);
        Assert.True(overview.TopProducts.Zip(overview.TopProducts.Skip(1)).All(p => p.First.Revenue >= p.Second.Revenue));
    }

    private sealed record ExpectedSales(TimeWindow Window, int Orders, decimal Revenue, decimal RefundRatePct);

    /// <summary>The sales of the 30 days up to the host's clock, counted row by row from the tables.</summary>
    private async Task<ExpectedSales> SalesOfTheLast30DaysAsync()
    {
        await using var db = server.Database.CreateContext();
        var window = TimeWindow.Trailing(server.Clock.GetUtcNow(), 30);
        var sales = await db.Orders.PlacedIn(window).Select(o => new { o.Id, o.Total }).ToListAsync();
        var ids = sales.Select(o => o.Id).ToList();
        var refunded = await db.Refunds.ThatCount().Where(r => ids.Contains(r.OrderId)).Select(r => r.OrderId).Distinct().CountAsync();
        return new ExpectedSales(window, sales.Count, sales.Sum(o => o.Total), RefundRate.Pct(refunded, sales.Count) ?? 0m);
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
