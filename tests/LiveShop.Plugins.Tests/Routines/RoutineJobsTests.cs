using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Research.Trends;
using LiveShop.Plugins.Routines;
using LiveShop.Plugins.Tests.Families;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Tests.Routines;

/// <summary>The routine jobs over the seeded 90-day sandbox business.</summary>
public sealed class RoutineJobsTests(SeededBusiness business) : IClassFixture<SeededBusiness>
{
    [Fact]
    public async Task Nightly_reconciliation_reports_exactly_the_settlements_that_differ_from_order_level_detail_once()
    {
        var job = new ReconciliationJob(business.DataSource, new EventStore(business.DataSource, TimeProvider.System));
        // One run a week across the history covers every settlement (each run looks back 8 days).
        var nights = Enumerable.Range(0, 14).Select(w => SeededBusiness.Now.AddDays(-7 * w)).ToList();
        foreach (var night in nights) await job.RunAsync(new BusinessJobContext(night), default);

        var reported = await ReportedAsync();
        var expected = business.World.Settlements.Where(s => s.Status == "mismatch").ToDictionary(s => s.Id);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), reported.Keys.Order());
        foreach (var (id, (exp, actual)) in reported)
        {
            Assert.Equal(expected[id].ExpectedNetAmount, exp);
            Assert.Equal(expected[id].NetAmount, actual);
        }

        // Rerunning the same nights reports nothing new.
        foreach (var night in nights) await job.RunAsync(new BusinessJobContext(night), default);
        Assert.Equal(reported.Count, (await ReportedAsync()).Count);
        var summary = (await job.RunAsync(new BusinessJobContext(SeededBusiness.Now), default)).Summary;
        Assert.Contains("checked against order-level detail", summary);
    }

    [Fact]
    public async Task The_product_scan_names_the_rising_products_of_the_trend_report()
    {
        var trends = new OwnSalesTrendSignals(business.Contexts);
        var report = await trends.GetTrendReportAsync(SeededBusiness.Now, 7, 5, default);
        var result = await new ProductScanJob(trends).RunAsync(new BusinessJobContext(SeededBusiness.Now), default);
        Assert.StartsWith("7 days to 2026-11-25", result.Summary);
        Assert.All(report.Products, p => Assert.Contains(p.Title ?? p.Key, result.Summary));
        Assert.Equal(0, result.ActionsRequested);
    }

    [Fact]
    public async Task Order_sync_without_a_live_shop_says_there_is_nothing_to_sync()
    {
        var result = await new OrderSyncJob(new ServiceCollection().BuildServiceProvider()).RunAsync(new BusinessJobContext(SeededBusiness.Now), default);
        Assert.Contains("no live order integration", result.Summary);
    }

    private async Task<Dictionary<string, (decimal Expected, decimal Actual)>> ReportedAsync()
    {
        await using var command = business.DataSource.CreateCommand(
            "SELECT data->>'settlement_id', (data->>'expected')::numeric, (data->>'actual')::numeric FROM business_events WHERE type = 'ReconciliationMismatch' AND source = $1");
        command.Parameters.AddWithValue(ReconciliationJob.Source);
        var reported = new Dictionary<string, (decimal, decimal)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) reported.Add(reader.GetString(0), (reader.GetDecimal(1), reader.GetDecimal(2)));
        return reported;
    }
}
