using LiveShop.Memory.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Learnings;

/// <summary>The learning extractor's facts read from the business database.</summary>
public sealed class DatabaseLearningFacts(NpgsqlDataSource dataSource, TimeProvider time) : ILearningFacts
{
    public async Task<string?> ProductOfAdSetAsync(string adSetId, CancellationToken cancellationToken)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        return await context.AdSets.Where(a => a.Id == adSetId).Select(a => a.ProductId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<string?> ProductOfListingAsync(string listingId, CancellationToken cancellationToken)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        return await context.Listings.Where(l => l.Id == listingId).Select(l => l.ProductId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<PurchaseOrderFacts?> PurchaseOrderAsync(string purchaseOrderId, CancellationToken cancellationToken)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        return await (from po in context.PurchaseOrders
                      join s in context.Suppliers on po.SupplierId equals s.Id
                      where po.Id == purchaseOrderId
                      select new PurchaseOrderFacts(po.Id, po.SupplierId, s.Name, po.ExpectedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<SalesAround> SalesAroundAsync(string productId, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        var end = at + window;
        var now = time.GetUtcNow();
        if (end > now) end = now;
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var lines = context.OrderLines.Where(l => l.ProductId == productId)
            .Join(context.Orders.Where(o => o.Status != "cancelled"), l => l.OrderId, o => o.Id, (l, o) => new { l.Quantity, o.PlacedAt });
        var before = await lines.Where(x => x.PlacedAt >= at - window && x.PlacedAt < at).SumAsync(x => (int?)x.Quantity, cancellationToken) ?? 0;
        var after = await lines.Where(x => x.PlacedAt >= at && x.PlacedAt < end).SumAsync(x => (int?)x.Quantity, cancellationToken) ?? 0;
        return new SalesAround(before, after, Math.Max(0, (end - at).TotalHours));
    }
}
