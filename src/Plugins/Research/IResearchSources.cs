using LiveShop.Plugins.Research.ProductPages;
using LiveShop.Plugins.Research.Trends;

namespace LiveShop.Plugins.Research;

/// <summary>
/// What a trend-signal provider (integration <c>trend_signals</c>) must offer: a window-against-window report of what is
/// growing. Read-only; research carries out no contract action.
/// </summary>
public interface ITrendSignals
{
    /// <summary>The integration id it answers for.</summary>
    string IntegrationId { get; }

    /// <summary>The fastest-growing products and categories over <paramref name="windowDays"/> before <paramref name="asOf"/> against the window before.</summary>
    Task<TrendReport> GetTrendReportAsync(DateTimeOffset asOf, int windowDays, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// What product-page research (integration <c>product_pages</c>) must offer: a polite read of one external page.
/// Read-only; research carries out no contract action.
/// </summary>
public interface IProductPageSource
{
    /// <summary>Fetches and parses one page, or says why it may not be fetched.</summary>
    Task<ProductPageFetch> FetchAsync(string url, CancellationToken cancellationToken);
}
