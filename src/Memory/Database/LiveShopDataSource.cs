using System.Runtime.CompilerServices;
using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>The one way to open the business database: an Npgsql data source with pgvector types mapped.</summary>
public static class LiveShopDataSource
{
    // Each data source's hot-path siblings, built on first use from the same connection string (which the data source
    // itself no longer shows in full: Npgsql drops the password from NpgsqlDataSource.ConnectionString).
    private static readonly ConditionalWeakTable<NpgsqlDataSource, HotPathSiblings> Siblings = new();

    private sealed record HotPathSiblings(Lazy<NpgsqlDataSource> SnapshotReads, Lazy<NpgsqlDataSource> Writes, Lazy<NpgsqlDataSource> LockHolders);

    /// <summary>Builds a data source for a connection string, with the pgvector type mapping.</summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        var dataSource = builder.Build();
        Siblings.Add(dataSource, new HotPathSiblings(
            new(() => HotPathConnections.CreateSnapshotReads(connectionString)), new(() => HotPathConnections.CreateWrites(connectionString)),
            new(() => HotPathConnections.CreateLockHolders(connectionString))));
        return dataSource;
    }

    /// <summary>
    /// The snapshot-reads connections beside <paramref name="dataSource"/> (<see cref="HotPathConnections.CreateSnapshotReads"/>):
    /// the same database, for hot read-only batches that must see one instant.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data source was not built by <see cref="Create"/>.</exception>
    public static NpgsqlDataSource SnapshotReadsOf(NpgsqlDataSource dataSource) => SiblingsOf(dataSource).SnapshotReads.Value;

    /// <summary>
    /// The hot-path write connections beside <paramref name="dataSource"/> (<see cref="HotPathConnections.CreateWrites"/>):
    /// the same database, for short batches on a hot path that write.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data source was not built by <see cref="Create"/>.</exception>
    public static NpgsqlDataSource HotPathWritesOf(NpgsqlDataSource dataSource) => SiblingsOf(dataSource).Writes.Value;

    /// <summary>
    /// The lock-holder connections beside <paramref name="dataSource"/> (<see cref="HotPathConnections.CreateLockHolders"/>):
    /// the same database, for transactions that only hold advisory locks while their holder works elsewhere.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data source was not built by <see cref="Create"/>.</exception>
    public static NpgsqlDataSource LockHoldersOf(NpgsqlDataSource dataSource) => SiblingsOf(dataSource).LockHolders.Value;

    private static HotPathSiblings SiblingsOf(NpgsqlDataSource dataSource) =>
        Siblings.TryGetValue(dataSource, out var siblings)
            ? siblings
            : throw new InvalidOperationException("hot-path connections need a data source built by LiveShopDataSource.Create");

    /// <summary>Configures EF Core for the business database on a data source.</summary>
    public static DbContextOptionsBuilder UseLiveShopDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql =>
            {
                npgsql.UseVector();
                npgsql.MigrationsAssembly(typeof(LiveShopDbContext).Assembly.FullName);
            })
            .UseSnakeCaseNamingConvention();

    /// <summary>A context over a data source, for CLI verbs and tests that have no DI container.</summary>
    public static LiveShopDbContext CreateContext(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<LiveShopDbContext>();
        options.UseLiveShopDatabase(dataSource);
        return new LiveShopDbContext(options.Options);
    }
}
