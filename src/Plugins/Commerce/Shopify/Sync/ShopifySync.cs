using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LiveShop.Plugins.Commerce.Shopify.Sync;

/// <summary>What one sync run stored.</summary>
public sealed record ShopifySyncResult(int ProductsRead, int OrdersRead, int EventsAppended, DateTimeOffset? ProductsCursor, DateTimeOffset? OrdersCursor);

/// <summary>
/// Brings the shop's products and orders into the business database, where agents and the verifier read their facts:
/// pages through what changed since the last run, upserts it, and writes the business events, each page in one
/// transaction with its cursor. Running it twice over the same data adds nothing. One host syncs at a time (a
/// PostgreSQL advisory lock); another host's run is skipped rather than racing it.
/// </summary>
public sealed class ShopifySync(ShopifyShop shop, ShopifyOptions options, NpgsqlDataSource dataSource, EventStore eventStore, TimeProvider time, ILogger<ShopifySync> logger)
{
    /// <summary>Advisory lock key of the syncing host ("LSSHPSYN").</summary>
    public const long SyncLockKey = 0x4C53_5348_5053_594E;

    /// <summary>Syncs products first (order lines refer to them), then orders; null when another host is syncing right now.</summary>
    public async Task<ShopifySyncResult?> SyncAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryLockAsync(lockConnection, "SELECT pg_try_advisory_lock(@key)", cancellationToken)) return null;
        try
        {
            return await SyncHoldingLockAsync(cancellationToken);
        }
        finally
        {
            await AdvisoryLockAsync(lockConnection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private async Task<ShopifySyncResult> SyncHoldingLockAsync(CancellationToken cancellationToken)
    {
        var (productsSince, ordersSince) = await CursorsAsync(cancellationToken);
        var products = await SyncResourceAsync(ShopifySyncCursor.Products, shop.ProductsUpdatedSinceAsync(productsSince, cancellationToken), p => p.UpdatedAt,
            (db, p, ct) => ShopifyProductImport.ApplyAsync(db, p, time.GetUtcNow(), ct), cancellationToken);
        var orders = await SyncResourceAsync(ShopifySyncCursor.Orders, shop.OrdersUpdatedSinceAsync(ordersSince, cancellationToken), o => o.UpdatedAt,
            ShopifyOrderImport.ApplyAsync, cancellationToken);
        var (productsCursor, ordersCursor) = await CursorsAsync(cancellationToken);
        logger.LogInformation("Shopify sync: {Products} products and {Orders} orders read, {Events} events written",
            products.Read, orders.Read, products.Events + orders.Events);
        return new ShopifySyncResult(products.Read, orders.Read, products.Events + orders.Events, productsCursor, ordersCursor);
    }

    private async Task<(int Read, int Events)> SyncResourceAsync<T>(string cursorName, IAsyncEnumerable<T> source, Func<T, DateTimeOffset> updatedAt,
        Func<LiveShopDbContext, T, CancellationToken, Task<IReadOnlyList<NewEvent>>> apply, CancellationToken cancellationToken)
    {
        var read = 0;
        var appended = 0;
        var batch = new List<T>(options.PageSize);
        await foreach (var item in source)
        {
            batch.Add(item);
            read++;
            if (batch.Count < options.PageSize) continue;
            appended += await StoreAsync(cursorName, batch, updatedAt, apply, cancellationToken);
            batch.Clear();
        }
        if (batch.Count > 0) appended += await StoreAsync(cursorName, batch, updatedAt, apply, cancellationToken);
        return (read, appended);
    }

    private async Task<int> StoreAsync<T>(string cursorName, IReadOnlyList<T> batch, Func<T, DateTimeOffset> updatedAt,
        Func<LiveShopDbContext, T, CancellationToken, Task<IReadOnlyList<NewEvent>>> apply, CancellationToken cancellationToken)
    {
        await using var db = LiveShopDataSource.CreateContext(dataSource);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var events = new List<NewEvent>();
        foreach (var item in batch) events.AddRange(await apply(db, item, cancellationToken));
        await ShopifySyncCursor.AdvanceAsync(db, cursorName, batch.Max(updatedAt), time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var appended = events.Count == 0 ? 0
            : (await eventStore.AppendAsync(events, (NpgsqlTransaction)transaction.GetDbTransaction(), cancellationToken)).Appended;
        await transaction.CommitAsync(cancellationToken);
        return appended;
    }

    private static async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", SyncLockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<(DateTimeOffset? Products, DateTimeOffset? Orders)> CursorsAsync(CancellationToken cancellationToken)
    {
        await using var db = LiveShopDataSource.CreateContext(dataSource);
        return (await ShopifySyncCursor.ReadAsync(db, ShopifySyncCursor.Products, cancellationToken),
            await ShopifySyncCursor.ReadAsync(db, ShopifySyncCursor.Orders, cancellationToken));
    }
}
