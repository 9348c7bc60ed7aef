using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Knowledge;

namespace LiveShop.Plugins.Commerce.Shopify.Sync;

/// <summary>
/// How far the sync has read one Shopify resource: the latest <c>updatedAt</c> it has stored, kept as Unix
/// milliseconds in a reader cursor row (<c>learning_cursors</c>), so the next run asks only for what changed since.
/// </summary>
public static class ShopifySyncCursor
{
    /// <summary>The cursor of products.</summary>
    public const string Products = "shopify_sync:products";

    /// <summary>The cursor of orders.</summary>
    public const string Orders = "shopify_sync:orders";

    /// <summary>The stored watermark, or null before the first sync.</summary>
    public static async Task<DateTimeOffset?> ReadAsync(LiveShopDbContext db, string name, CancellationToken cancellationToken) =>
        await db.LearningCursors.FindAsync([name], cancellationToken) is { LastSequence: > 0 } cursor
            ? DateTimeOffset.FromUnixTimeMilliseconds(cursor.LastSequence)
            : null;

    /// <summary>Moves the watermark forward (never back) in the caller's unit of work.</summary>
    public static async Task AdvanceAsync(LiveShopDbContext db, string name, DateTimeOffset watermark, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var millis = watermark.ToUnixTimeMilliseconds();
        if (await db.LearningCursors.FindAsync([name], cancellationToken) is { } cursor)
        {
            if (millis <= cursor.LastSequence) return;
            cursor.LastSequence = millis;
            cursor.UpdatedAt = now;
        }
        else db.LearningCursors.Add(new LearningCursor { Name = name, LastSequence = millis, UpdatedAt = now });
    }
}
