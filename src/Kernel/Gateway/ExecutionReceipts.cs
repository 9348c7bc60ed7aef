using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using Npgsql;

namespace LiveShop.Kernel.Gateway;

/// <summary>
/// The receipt an executor commits in the same transaction as its writes (event <c>ActionApplied</c>, id derived from the
/// action id). When the gateway re-runs an execution whose claim outlived a crash, the executor finds the receipt and
/// answers what it did instead of applying the action twice.
/// </summary>
public static class ExecutionReceipts
{
    /// <summary>The receipt's event type.</summary>
    public const string EventType = "ActionApplied";

    /// <summary>
    /// Serialises executions of one action id (a transaction-scoped advisory lock) and returns the result recorded by an
    /// earlier commit, or null when the action has not been applied. Call first inside the executor's transaction.
    /// </summary>
    public static async Task<ExecutionResult?> LockAndFindAsync(NpgsqlTransaction transaction, string actionId, CancellationToken cancellationToken) =>
        (await LockAndFindAsync<ExecutionResult>(transaction, actionId, cancellationToken))?.Result;

    /// <summary>As <see cref="LockAndFindAsync(NpgsqlTransaction, string, CancellationToken)"/> for a unit of work whose result is a <typeparamref name="T"/>.</summary>
    public static async Task<Applied<T>?> LockAndFindAsync<T>(NpgsqlTransaction transaction, string actionId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = LockKey(actionId) } } },
                // Only a platform-written receipt counts: its type and a derived id, which nothing ingested can carry.
                new NpgsqlBatchCommand($"SELECT data::text FROM business_events WHERE event_id = $1 AND type = '{EventType}' AND {DerivedEventIds.SqlCondition}")
                {
                    Parameters = { new() { Value = ReceiptId(actionId) } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        using var data = JsonDocument.Parse(reader.GetString(0));
        return new Applied<T>(data.RootElement.GetProperty("result").Deserialize<T>(JsonDefaults.Options)!);
    }

    /// <summary>The receipt event for <paramref name="result"/>, to append in the executor's transaction.</summary>
    public static NewEvent Receipt<T>(string actionId, T result, DateTimeOffset at, string source) =>
        new(ReceiptId(actionId), EventType, at, source, JsonSerializer.SerializeToElement(new
        {
            ActionId = actionId, ConnectorReference = (result as ExecutionResult)?.ConnectorReference, Result = result,
        }, JsonDefaults.Options));

    private static Guid ReceiptId(string actionId) => ActionHashes.StableId($"{actionId}:{EventType}");

    private static long LockKey(string actionId) => BitConverter.ToInt64(ActionHashes.StableId($"{actionId}:apply-lock").ToByteArray(), 0);
}

/// <summary>The result an earlier commit of the same action recorded.</summary>
public sealed record Applied<T>(T Result);
