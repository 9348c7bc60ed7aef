using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Channels;
using LiveShop.Memory.Events;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Commerce.Shopify.Sync;

/// <summary>
/// Upserts one Shopify product as a product of the catalog and its <c>shopify</c> listing (ExternalId = the product GID).
/// The business models one price per product, so a product's price is its first variant's; a product whose SKU the
/// catalog already has is adopted rather than duplicated.
/// </summary>
internal static class ShopifyProductImport
{
    public static async Task<IReadOnlyList<NewEvent>> ApplyAsync(LiveShopDbContext db, ShopifyProduct shopify, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = shopify.Variants.FirstOrDefault();
        var price = first?.Price ?? 0m;
        var status = shopify.Status.ToLowerInvariant();
        var listingStatus = status == "active" ? "published" : status;
        var listing = await ListingAsync(db, shopify.Id, cancellationToken);
        if (listing is null)
        {
            var product = await AdoptOrCreateProductAsync(db, shopify, first, status, cancellationToken);
            listing = new Listing
            {
                Id = ShopifyIds.Local("li", shopify.Id), ProductId = product.Id, Channel = ShopifyIds.Channel, ExternalId = shopify.Id,
                Title = Bounded(shopify.Title, 300), Description = shopify.Description, Price = price, Status = listingStatus, PublishedAt = shopify.CreatedAt,
            };
            db.Listings.Add(listing);
            var events = new List<NewEvent>
            {
                ShopifyIds.Event("ListingPublished", shopify.Id, shopify.CreatedAt,
                    new { ListingId = listing.Id, listing.ProductId, listing.Channel, listing.Title, ExternalId = shopify.Id }),
            };
            if (product.Price != price) events.AddRange(ChangePrice(db, product, listing, price, shopify, now));
            if (StockEvent(product, Math.Max(0, shopify.TotalInventory), shopify) is { } adoptedStock) events.Add(adoptedStock);
            return events;
        }

        var existing = await db.Products.FindAsync([listing.ProductId], cancellationToken)
            ?? throw new InvalidOperationException($"listing {listing.Id} points at missing product {listing.ProductId}");
        var changes = new Dictionary<string, object>();
        if (listing.Title != Bounded(shopify.Title, 300))
        {
            changes["title"] = new { From = listing.Title, To = shopify.Title };
            listing.Title = Bounded(shopify.Title, 300);
        }
        if (listing.Status != listingStatus)
        {
            changes["status"] = new { From = listing.Status, To = listingStatus };
            listing.Status = listingStatus;
        }
        listing.Description = shopify.Description;
        existing.Status = status;
        var updated = new List<NewEvent>();
        if (StockEvent(existing, Math.Max(0, shopify.TotalInventory), shopify) is { } stockEvent) updated.Add(stockEvent);
        if (changes.Count > 0)
            updated.Add(ShopifyIds.Event("ListingUpdated", $"{shopify.Id}@{shopify.UpdatedAt:O}", shopify.UpdatedAt,
                new { ListingId = listing.Id, listing.ProductId, listing.Channel, Changes = changes }));
        if (existing.Price != price || listing.Price != price) updated.AddRange(ChangePrice(db, existing, listing, price, shopify, now));
        return updated;
    }

    /// <summary>Applies the shop's stock level and names what it means for the business: out, low, or replenished.</summary>
    private static NewEvent? StockEvent(Product product, int stock, ShopifyProduct shopify)
    {
        var previous = product.Stock;
        product.Stock = stock;
        var identity = $"{shopify.Id}@{shopify.UpdatedAt:O}:stock";
        return stock == previous ? null
            : stock == 0 ? ShopifyIds.Event("StockOut", identity, shopify.UpdatedAt, new { ProductId = product.Id, product.Sku })
            : stock > previous ? ShopifyIds.Event("StockReplenished", identity, shopify.UpdatedAt, new { ProductId = product.Id, Quantity = stock - previous, Stock = stock })
            : stock <= product.ReorderPoint && previous > product.ReorderPoint
                ? ShopifyIds.Event("StockLow", identity, shopify.UpdatedAt, new { ProductId = product.Id, Stock = stock, Threshold = product.ReorderPoint, product.Sku })
            : null;
    }

    /// <summary>A price changed in Shopify itself: kept as history like any other change, so the price-change rules see it.</summary>
    private static IEnumerable<NewEvent> ChangePrice(LiveShopDbContext db, Product product, Listing listing, decimal price, ShopifyProduct shopify, DateTimeOffset now)
    {
        var previous = listing.Price;
        if (product.Price != price)
        {
            db.PriceChanges.Add(new PriceChange
            {
                ProductId = product.Id, FromPrice = product.Price, ToPrice = price, ChangedAt = now, ChangedBy = "shopify", Reason = "price set in Shopify",
            });
            previous = product.Price;
            product.Price = price;
        }
        listing.Price = price;
        yield return ShopifyIds.Event("ListingUpdated", $"{shopify.Id}@{shopify.UpdatedAt:O}:price", shopify.UpdatedAt,
            new { ListingId = listing.Id, listing.ProductId, listing.Channel, Changes = new { Price = new { From = previous, To = price } } });
    }

    private static async Task<Product> AdoptOrCreateProductAsync(LiveShopDbContext db, ShopifyProduct shopify, ShopifyVariant? first, string status, CancellationToken cancellationToken)
    {
        var sku = string.IsNullOrWhiteSpace(first?.Sku) ? null : first.Sku.Trim();
        if (sku is not null)
        {
            var bySku = db.Products.Local.FirstOrDefault(p => p.Sku == sku) ?? await db.Products.FirstOrDefaultAsync(p => p.Sku == sku, cancellationToken);
            var alreadyOnShopify = bySku is not null && (db.Listings.Local.Any(l => l.ProductId == bySku.Id && l.Channel == ShopifyIds.Channel)
                || await db.Listings.AnyAsync(l => l.ProductId == bySku.Id && l.Channel == ShopifyIds.Channel, cancellationToken));
            if (bySku is not null && !alreadyOnShopify) return bySku;
            if (bySku is not null) sku = null; // two Shopify products share the SKU: the second gets its own
        }
        var product = new Product
        {
            Id = ShopifyIds.Local("p", shopify.Id), Sku = Bounded(sku ?? $"SHOPIFY-{ShopifyIds.Tail(shopify.Id)}", 64), Title = Bounded(shopify.Title, 300),
            Category = string.IsNullOrWhiteSpace(shopify.ProductType) ? "uncategorised" : Bounded(shopify.ProductType.ToLowerInvariant(), 200),
            Price = first?.Price ?? 0m, UnitCost = first?.UnitCost ?? 0m, Stock = Math.Max(0, shopify.TotalInventory), Status = status,
            CreatedAt = shopify.CreatedAt,
        };
        db.Products.Add(product);
        return product;
    }

    private static async Task<Listing?> ListingAsync(LiveShopDbContext db, string gid, CancellationToken cancellationToken) =>
        db.Listings.Local.FirstOrDefault(l => l.Channel == ShopifyIds.Channel && l.ExternalId == gid)
        ?? await db.Listings.FirstOrDefaultAsync(l => l.Channel == ShopifyIds.Channel && l.ExternalId == gid, cancellationToken);

    private static string Bounded(string text, int length) => text.Length <= length ? text : text[..length];
}
