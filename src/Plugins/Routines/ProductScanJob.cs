using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Plugins.Research;
using LiveShop.Plugins.Research.Trends;

namespace LiveShop.Plugins.Routines;

/// <summary>
/// Daily product scan: the trend scout's report (the business's own sales, last 7 days against the 7 before, on the
/// business clock) ranked by the research ranking rule; the summary names the rising products and categories and the
/// sharpest decliners. Research is read-only: the scan proposes nothing by itself.
/// </summary>
public sealed class ProductScanJob(ITrendSignals trends) : IBusinessJob
{
    private const int WindowDays = 7;
    private const int Top = 5;

    /// <inheritdoc />
    public string Name => "product_scan";

    /// <inheritdoc />
    public string DefaultCron => "0 30 6 * * ?";

    /// <inheritdoc />
    public string Description => "Daily: trend scout over the last 7 days' sales, ranking rising products and categories and the sharpest decliners.";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var report = await trends.GetTrendReportAsync(context.BusinessNow, WindowDays, Top, cancellationToken);
        if (report.Products.Count == 0 && report.Categories.Count == 0 && report.Declining.Count == 0)
            return new BusinessJobResult($"no trend over the {WindowDays} days to {context.BusinessNow:yyyy-MM-dd}: nothing sold enough to rank");
        return new BusinessJobResult(
            $"{WindowDays} days to {context.BusinessNow:yyyy-MM-dd}: rising products {Lines(report.Products)}; rising categories {Lines(report.Categories)}; " +
            $"declining {Lines(report.Declining)}");
    }

    private static string Lines(IReadOnlyList<TrendLine> lines) => lines.Count == 0
        ? "none"
        : string.Join(", ", lines.Select(l => $"{l.Title ?? l.Key} ({(l.GrowthPct is { } g ? $"{g:+0.#;-0.#}%" : "new")})"));
}
