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

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary>
/// The sandbox business the sandbox executors act on: one unit of work per action in which the business rows and their
/// events commit together, so an action is either wholly visible or not at all.
/// </summary>
public sealed class SandboxBusiness(NpgsqlDataSource dataSource, EventStore eventStore, TimeProvider time)
{
    /// <summary>Event source of everything the sandbox connectors do.</summary>
    public const string Source = "sandbox";

    /// <summary>The current time.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and appends the events it returns in the same transaction, as coming
    /// from <paramref name="source"/> (a live connector names its provider, e.g. <c>shopify</c>).
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<LiveShopDbContext, Task<(T Result, IReadOnlyList<(string Type, object Data)> Events)>> work,
        string actionId, CancellationToken cancellationToken, string source = Source)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var (result, events) = await work(context);
        await context.SaveChangesAsync(cancellationToken);
        var now = Now;
        var newEvents = events.Select((e, i) => new NewEvent(ActionHashes.StableId($"{actionId}:{e.Type}:{i}"), e.Type, now, source,
            JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options))).ToList();
        if (newEvents.Count > 0) await eventStore.AppendAsync(newEvents, (NpgsqlTransaction)transaction.GetDbTransaction(), cancellationToken);
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

    /// <summary>Parameters as JSON, for inverses.</summary>
    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value, JsonDefaults.Options);
}
