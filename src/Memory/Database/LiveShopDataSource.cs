using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>The one way to open the business database: an Npgsql data source with pgvector types mapped.</summary>
public static class LiveShopDataSource
{
    /// <summary>Builds a data source for a connection string, with the pgvector type mapping.</summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }

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
