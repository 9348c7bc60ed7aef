using System.Text.Json;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LiveShop.Plugins.Records;

/// <summary>
/// The business database's unit of work for an executed action, whoever carried it out (a sandbox executor, or a live
/// connector recording what Stripe, Shopify or the mail server did): the business rows and their events commit together
/// with the action's receipt, so an action is either wholly visible or not at all, and applied once.
/// </summary>
public sealed class BusinessUnitOfWork(NpgsqlDataSource dataSource, EventStore eventStore, TimeProvider time)
{
    /// <summary>Event source of everything the sandbox connectors do.</summary>
    public const string Source = "sandbox";

    /// <summary>The current time.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and appends the events it returns in the same transaction, as coming
    /// from <paramref name="source"/> (a live connector names its provider, e.g. <c>shopify</c>), with the action's receipt.
    /// A re-run of an action id that already committed (the gateway re-claimed it after a crash) does nothing and answers
    /// the recorded result, so an action is applied once.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<LiveShopDbContext, Task<(T Result, IReadOnlyList<(string Type, object Data)> Events)>> work,
        string actionId, CancellationToken cancellationToken, string source = Source)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        if (await ExecutionReceipts.LockAndFindAsync<T>(npgsqlTransaction, actionId, cancellationToken) is { } applied)
            return applied.Result;
        var (result, events) = await work(context);
        await context.SaveChangesAsync(cancellationToken);
        var now = Now;
        var newEvents = events.Select((e, i) => new NewEvent(ActionHashes.StableId($"{actionId}:{e.Type}:{i}"), e.Type, now, source,
            JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options))).ToList();
        newEvents.Add(ExecutionReceipts.Receipt(actionId, result, now, source));
        await eventStore.AppendAsync(newEvents, npgsqlTransaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>A text parameter the verifier already checked; a missing one is a connector error.</summary>
    public static string Text(ActionPacket packet, string name) =>
        ActionParameters.TryGetText(packet.Parameters, name, out var value) ? value : throw new InvalidOperationException($"parameter '{name}' is missing");

    /// <summary>A number parameter the verifier already checked.</summary>
    public static decimal Number(ActionPacket packet, string name) =>
        ActionParameters.TryGetDecimal(packet.Parameters, name, out var value) ? value : throw new InvalidOperationException($"parameter '{name}' is missing");

    /// <summary>An optional number parameter.</summary>
    public static decimal? OptionalNumber(ActionPacket packet, string name) =>
        ActionParameters.TryGetDecimal(packet.Parameters, name, out var value) ? value : null;

    /// <summary>A short id derived from the action id, for rows the connector creates.</summary>
    public static string NewId(string prefix, ActionPacket packet) => $"{prefix}_{ActionHashes.StableId(packet.ActionId):N}"[..(prefix.Length + 13)];

    /// <summary>Loads an entity by id or fails with a clear message.</summary>
    public static async Task<T> FindAsync<T>(DbSet<T> set, string id, string what, CancellationToken cancellationToken) where T : class =>
        await set.FindAsync([id], cancellationToken) ?? throw new InvalidOperationException($"{what} {id} does not exist");

    /// <summary>
    /// Loads an entity by id with its row locked until the transaction ends, or fails with a clear message. An executor
    /// that records the value it replaces (a budget's or price's "from") reads it this way, so what it records is the value
    /// it overwrote, not one an action committed meanwhile already changed.
    /// </summary>
    public static async Task<T> FindForUpdateAsync<T>(LiveShopDbContext db, DbSet<T> set, string id, string what, CancellationToken cancellationToken) where T : class
    {
        // The table name comes from the model, never from input; the id is a parameter.
        var lockRow = "SELECT 1 FROM \"" + db.Model.FindEntityType(typeof(T))!.GetTableName() + "\" WHERE id = {0} FOR UPDATE";
        // The row lock first; the read that follows (a new statement in READ COMMITTED) then sees the latest committed row.
        await db.Database.ExecuteSqlRawAsync(lockRow, [id], cancellationToken);
        return await FindAsync(set, id, what, cancellationToken);
    }

    /// <summary>Parameters as JSON, for inverses.</summary>
    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value, JsonDefaults.Options);
}
