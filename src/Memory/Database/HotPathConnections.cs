using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>
/// Connections for the hot paths — work run thousands of times a second as short, self-contained batches (one open,
/// one batch, closed again, never another connection opened meanwhile): a verification's facts, a chat turn's messages.
/// Beside the business data source, and unlike its connections:
/// <list type="bullet">
/// <item>there are few of them. PostgreSQL runs a process per connection; more busy connections than the machine has
/// cores only adds context switches (on two cores, 50 concurrent verifications over 50 connections answered with a p95
/// of 18.9 ms, over 8 connections 8.1 ms). Callers beyond the limit wait for a free connection, first come first served;
/// as nobody holds one while waiting for another, waiting cannot deadlock;</item>
/// <item>they are not reset on their way back to the pool: nothing run on them changes session state, and the reset is
/// three more statements per use.</item>
/// </list>
/// A batch (one Sync at its end) runs in PostgreSQL as one implicit transaction: atomic, without BEGIN and COMMIT.
/// </summary>
public static class HotPathConnections
{
    /// <summary>Busy connections per core, for each kind.</summary>
    public const int ConnectionsPerCore = 4;

    /// <summary>
    /// Session options of snapshot-reads connections (the space in the value escaped for PostgreSQL): every transaction
    /// is REPEATABLE READ and READ ONLY, so a batch of queries reads one snapshot. The reads are prepared statements whose
    /// best plan does not depend on the values (key lookups, index range scans): a generic plan, made once per
    /// connection, spares planning them again on every execution.
    /// </summary>
    public const string SnapshotSessionOptions =
        @"-c default_transaction_isolation=repeatable\ read -c default_transaction_read_only=on -c plan_cache_mode=force_generic_plan";

    /// <summary>Read-only connections on which a batch describes one instant (a verification's facts).</summary>
    public static NpgsqlDataSource CreateSnapshotReads(string connectionString) => Create(connectionString, SnapshotSessionOptions, "snapshot reads");

    /// <summary>Read-write connections in the default isolation, for a hot path's batches that write (a chat turn's messages).</summary>
    public static NpgsqlDataSource CreateWrites(string connectionString) => Create(connectionString, null, "hot-path writes");

    /// <summary>Lock-holder connections per core: each sits idle in a transaction while its holder works on other connections.</summary>
    public const int LockHoldersPerCore = 8;

    /// <summary>
    /// Connections that hold transaction-scoped advisory locks while their holder works on other connections (the limits
    /// of an action, held from its facts read to its executor's commit). Unlike the other hot paths, a holder opens other
    /// connections meanwhile, so lock holders come from a pool of their own: a holder never waits for a connection that a
    /// waiter for its lock occupies. They spend their time waiting, not working, hence more of them per core; nothing on
    /// them outlives its transaction, so they are not reset either.
    /// </summary>
    public static NpgsqlDataSource CreateLockHolders(string connectionString) =>
        Create(connectionString, null, "lock holders", LockHoldersPerCore);

    private static NpgsqlDataSource Create(string connectionString, string? sessionOptions, string purpose, int perCore = ConnectionsPerCore)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (sessionOptions is not null)
            settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? sessionOptions : $"{settings.Options} {sessionOptions}";
        settings.NoResetOnClose = true;
        settings.MaxPoolSize = Math.Min(settings.MaxPoolSize, perCore * Environment.ProcessorCount);
        settings.MinPoolSize = Math.Min(settings.MinPoolSize, settings.MaxPoolSize);
        settings.ApplicationName = string.IsNullOrEmpty(settings.ApplicationName) ? $"liveshop {purpose}" : $"{settings.ApplicationName} ({purpose})";
        return builder.Build();
    }
}
