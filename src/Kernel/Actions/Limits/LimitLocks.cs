using System.Globalization;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Kernel.Actions.Limits;

/// <summary>
/// Serializes the actions whose limits read the same running totals. Each limited entity is a PostgreSQL
/// transaction-scoped advisory lock, taken before the action's facts are read and held until its executor has committed,
/// so the next action on that entity is verified against a state that includes this one. Advisory locks are
/// database-wide: hosts sharing the database serialize with each other. Locks are taken in <see cref="LimitScope"/>
/// order, so actions limiting several entities cannot deadlock. Only the pipeline takes them; verifying alone
/// (<c>POST /api/verify</c>) has no side effect to serialize and never waits for them.
/// </summary>
public sealed class LimitLocks
{
    // Keys are hashtextextended(text, seed) like the product's other advisory locks; the seed 1212 keeps this family apart.
    private const string LockByName = "SELECT pg_advisory_xact_lock(hashtextextended($1, 1212))";
    private const string LockCustomerOfOrder =
        "SELECT pg_advisory_xact_lock(hashtextextended('customer:' || o.customer_id, 1212)) FROM orders o WHERE o.id = $1";

    private readonly NpgsqlDataSource _holders;

    /// <summary>Takes locks on lock-holder connections beside <paramref name="dataSource"/>; a lock not granted within <paramref name="wait"/> fails the action.</summary>
    public LimitLocks(NpgsqlDataSource dataSource, TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero);
        _holders = LiveShopDataSource.LockHoldersOf(dataSource);
        Wait = wait;
    }

    /// <summary>How long an action waits for another action on the same entity to finish (configuration <c>Gateway:LimitLockWait</c>).</summary>
    public TimeSpan Wait { get; }

    /// <summary>The advisory lock key of an entity named directly (every scope but <see cref="LimitScope.Customer"/>).</summary>
    public static string LockName(LimitScope scope, string id) => $"{scope.ToString().ToLowerInvariant()}:{id}";

    /// <summary>
    /// Locks every entity <paramref name="packet"/>'s limits read, waiting for actions holding them to finish; dispose the
    /// lease once the action has executed (or been decided otherwise). Never hold one while a human decides.
    /// </summary>
    /// <exception cref="LimitsBusyException">An entity stayed locked longer than <see cref="Wait"/>.</exception>
    public async Task<LimitLease> AcquireAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var entities = LimitedEntities.Of(packet);
        if (entities.Count == 0) return LimitLease.Nothing;
        var connection = await _holders.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            // lock_timeout bounds each wait; it is local to this transaction, so the pooled connection keeps no setting.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('lock_timeout', $1, true)")
            {
                Parameters = { new() { Value = $"{(long)Wait.TotalMilliseconds}ms" } },
            });
            // One statement per lock, in order: PostgreSQL runs a batch's statements one after the other.
            foreach (var entity in entities)
                batch.BatchCommands.Add(entity.Scope == LimitScope.Customer
                    ? new NpgsqlBatchCommand(LockCustomerOfOrder) { Parameters = { new() { Value = entity.Id } } }
                    : new NpgsqlBatchCommand(LockByName) { Parameters = { new() { Value = LockName(entity.Scope, entity.Id) } } });
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return new LimitLease(connection, transaction, entities);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync();
            throw new LimitsBusyException(entities, Wait);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>The limits of one action, held until disposed (the lock transaction is rolled back: it wrote nothing).</summary>
public sealed class LimitLease : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly NpgsqlTransaction? _transaction;

    /// <summary>The lease of an action whose limits read no running total: holds nothing.</summary>
    public static LimitLease Nothing { get; } = new(null, null, []);

    internal LimitLease(NpgsqlConnection? connection, NpgsqlTransaction? transaction, IReadOnlyList<LimitedEntity> entities) =>
        (_connection, _transaction, Entities) = (connection, transaction, entities);

    /// <summary>The entities held, in lock order.</summary>
    public IReadOnlyList<LimitedEntity> Entities { get; }

    /// <summary>Releases the locks.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            // Released even when the caller gave up: a lock must never outlive the action it serialized.
            await _transaction!.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            // A connection that failed to roll back is broken and discarded, and PostgreSQL ends its locks with its session.
            await _connection.DisposeAsync();
        }
    }
}

/// <summary>Another action held an entity the action's limits read for longer than the configured wait; nothing was done.</summary>
public sealed class LimitsBusyException(IReadOnlyList<LimitedEntity> entities, TimeSpan wait)
    : Exception($"another action on {string.Join(" or ", entities)} held its limits for longer than {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s")
{
    /// <summary>The entities the action needed.</summary>
    public IReadOnlyList<LimitedEntity> Entities { get; } = entities;
}
