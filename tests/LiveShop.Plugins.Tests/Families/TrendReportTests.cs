using System.Text.Json;
using LiveShop.Plugins.Research;
using LiveShop.Plugins.Research.ProductPages;
using LiveShop.Plugins.Research.Trends;

namespace LiveShop.Plugins.Tests.Families;

public sealed class TrendReportTests(SeededBusiness business) : IClassFixture<SeededBusiness>
{
    private static readonly string[] NotSales = ["cancelled", "payment_failed"];

    [Fact]
    public async Task The_trend_report_compares_the_last_seven_days_with_the_seven_before_from_the_orders()
    {
        using var pages = new ProductPageFetcher(new ProductPageOptions(), business.Clock);
        var plugin = new ResearchPlugin(new OwnSalesTrendSignals(business.Contexts), pages, business.Clock);

        var json = JsonDocument.Parse(await plugin.GetTrendReportAsync(days: 7, limit: 25)).RootElement;

        var now = SeededBusiness.Now;
        var lines = business.World.Orders.Where(o => o.PlacedAt >= now.AddDays(-14) && o.PlacedAt < now && !NotSales.Contains(o.Status))
            .SelectMany(o => o.Lines.Select(l => (Line: l, Recent: o.PlacedAt >= now.AddDays(-7)))).ToList();
        var growing = json.GetProperty("growing_products").EnumerateArray().ToList();
        Assert.NotEmpty(growing);
        foreach (var row in growing)
        {
            var product = row.GetProperty("key").GetString();
            var recent = lines.Where(x => x.Recent && x.Line.ProductId == product).Sum(x => x.Line.LineTotal);
            var previous = lines.Where(x => !x.Recent && x.Line.ProductId == product).Sum(x => x.Line.LineTotal);
            Assert.Equal(recent, row.GetProperty("revenue_recent").GetDecimal());
            Assert.Equal(previous, row.GetProperty("revenue_previous").GetDecimal());
            Assert.True(recent > previous);
            Assert.True(row.GetProperty("units_recent").GetInt32() >= TrendRanking.MinimumUnits);
        }
        var pcts = growing.Where(r => r.GetProperty("growth_pct").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("growth_pct").GetDecimal()).ToList();
        Assert.Equal(pcts.OrderDescending(), pcts);
        Assert.All(json.GetProperty("declining_products").EnumerateArray(), r => Assert.True(r.GetProperty("growth_pct").GetDecimal() < 0));
        Assert.NotEmpty(json.GetProperty("growing_categories").EnumerateArray());
    }

    [Fact]
    public void New_sellers_rank_first_and_lines_below_the_unit_floor_are_noise()
    {
        TrendLine Line(string key, int units, decimal recent, decimal previous) => new()
        {
            Key = key, Category = "home", UnitsRecent = units, UnitsPrevious = 5, RevenueRecent = recent, RevenuePrevious = previous,
        };

        var ranked = TrendRanking.Growing([Line("p_slow", 10, 110m, 100m), Line("p_new", 4, 80m, 0m), Line("p_fast", 8, 300m, 100m), Line("p_noise", 2, 900m, 10m)], 5);

        Assert.Equal(["p_new", "p_fast", "p_slow"], ranked.Select(l => l.Key));
        Assert.Equal(200m, ranked[1].GrowthPct);
    }
}
