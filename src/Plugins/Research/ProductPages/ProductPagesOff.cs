namespace LiveShop.Plugins.Research.ProductPages;

/// <summary>
/// Product-page research while the <c>product_pages</c> integration is not configured: nothing leaves the machine, and
/// the agent is told how the founder turns it on. A crawler must name the business it crawls for, so the user agent is
/// the setting that makes it live.
/// </summary>
public sealed class ProductPagesOff : IProductPageSource
{
    /// <summary>The one instance.</summary>
    public static ProductPagesOff Instance { get; } = new();

    /// <summary>What the agent is told.</summary>
    public static string Refusal =>
        $"product page research is off: set {ProductPageOptions.Section}:UserAgent to a user agent that names the business (docs/integrations.md)";

    /// <inheritdoc />
    public Task<ProductPageFetch> FetchAsync(string url, CancellationToken cancellationToken) =>
        Task.FromResult(new ProductPageFetch(null, Refusal));
}
