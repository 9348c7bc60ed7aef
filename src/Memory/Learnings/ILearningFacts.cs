namespace LiveShop.Memory.Learnings;

/// <summary>A purchase order as the learning extractor needs it: whose it is and when it was due.</summary>
public sealed record PurchaseOrderFacts(string Id, string SupplierId, string SupplierName, DateTimeOffset ExpectedAt);

/// <summary>Units of a product sold in equal windows before and after a moment (e.g. a price change).</summary>
public sealed record SalesAround(int UnitsBefore, int UnitsAfter, double HoursAfter);

/// <summary>Business records the extractor looks up to put an event in context (which product an ad set sells, …).</summary>
public interface ILearningFacts
{
    /// <summary>The product an ad set advertises, or null when unknown.</summary>
    Task<string?> ProductOfAdSetAsync(string adSetId, CancellationToken cancellationToken);

    /// <summary>The product a listing sells, or null when unknown.</summary>
    Task<string?> ProductOfListingAsync(string listingId, CancellationToken cancellationToken);

    /// <summary>A purchase order and its supplier, or null when unknown.</summary>
    Task<PurchaseOrderFacts?> PurchaseOrderAsync(string purchaseOrderId, CancellationToken cancellationToken);

    /// <summary>Units of the product sold in the <paramref name="window"/> before <paramref name="at"/> and after it (up to now).</summary>
    Task<SalesAround> SalesAroundAsync(string productId, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken);
}
