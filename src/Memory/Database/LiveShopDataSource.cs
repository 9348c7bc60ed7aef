using System.Runtime.CompilerServices;
using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>The one way to open the business database: an Npgsql data source with pgvector types mapped.</summary>
public static class LiveShopDataSource
{
    // Each data source's snapshot-reads sibling, built on first use from the same connection string (which the data
    // source itself no longer shows in full: Npgsql drops the password from NpgsqlDataSource.ConnectionString).
    private static readonly ConditionalWeakTable<NpgsqlDataSource, Lazy<NpgsqlDataSource>> SnapshotSiblings = new();

    /// <summary>Builds a data source for a connection string, with the pgvector type mapping.</summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        var dataSource = builder.Build();
        SnapshotSiblings.Add(dataSource, new Lazy<NpgsqlDataSource>(() => SnapshotReads.Create(connectionString)));
        return dataSource;
    }

    /// <summary>
    /// The snapshot-reads data source beside <paramref name="dataSource"/> (see <see cref="SnapshotReads"/>): the same
    /// database, for hot read-only batches that must see one instant.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data source was not built by <see cref="Create"/>.</exception>
    public static NpgsqlDataSource SnapshotReadsOf(NpgsqlDataSource dataSource) =>
        SnapshotSiblings.TryGetValue(dataSource, out var sibling)
            ? sibling.Value
            : throw new InvalidOperationException("snapshot reads need a data source built by LiveShopDataSource.Create");

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
