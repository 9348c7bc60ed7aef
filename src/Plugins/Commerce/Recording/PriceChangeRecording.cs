using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.EntityFrameworkCore;
using LiveShop.Kernel.Actions.Definitions.Catalog;

namespace LiveShop.Plugins.Commerce.Recording;

/// <summary>
/// How an executed <see cref="ChangePriceAction"/> lands in the business database, whoever carried it out (the sandbox or a live
/// channel): the product's and its listings' prices, a history row for the price-change rules, and ListingUpdated events.
/// </summary>
public static class PriceChangeRecording
{
    /// <summary>Applies the new price to the tracked <paramref name="product"/> and its listings; the caller saves and appends the events.</summary>
    public static async Task<(ExecutionResult Result, IReadOnlyList<(string Type, object Data)> Events)> RecordAsync(
        LiveShopDbContext db, Product product, decimal price, ActionPacket packet, DateTimeOffset now, CancellationToken cancellationToken,
        string? connectorReference = null)
    {
        var previous = product.Price;
        product.Price = price;
        db.PriceChanges.Add(new PriceChange
        {
            ProductId = product.Id, FromPrice = previous, ToPrice = price, ChangedAt = now,
            ChangedBy = packet.RequestedBy ?? "agent:unknown", Reason = packet.Agent is null ? null : $"proposed by {packet.Agent}",
        });
        var listings = await db.Listings.Where(l => l.ProductId == product.Id).ToListAsync(cancellationToken);
        foreach (var listing in listings) listing.Price = price;
        var result = new ExecutionResult
        {
            ConnectorReference = connectorReference ?? $"{product.Id}@{price}",
            Summary = $"price of {product.Id} {previous} → {price} ({listings.Count} listings updated)",
            Details = BusinessUnitOfWork.Json(new { ProductId = product.Id, FromPrice = previous, ToPrice = price }),
            Inverse = new ActionInverse(ChangePriceAction.ActionName, BusinessUnitOfWork.Json(new { ProductId = product.Id, NewPrice = previous })),
        };
        var events = listings.Select(l => ("ListingUpdated", (object)new
        {
            ListingId = l.Id, l.ProductId, l.Channel, Changes = new { Price = new { From = previous, To = price } },
        })).ToList();
        return (result, events);
    }
}
