using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Testing;

/// <summary>
/// A fresh database of its own for one test class (use as <c>IClassFixture&lt;TestDatabase&gt;</c>),
/// migrated to the latest schema, dropped when the class is done.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private string? _adminConnectionString;

    /// <summary>Name of this class's database.</summary>
    public string Name { get; } = $"t_{Guid.NewGuid():N}";

    /// <summary>Connection string to this class's database (superuser).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A pgvector-aware data source over this class's database.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>Whether to apply the migrations on creation; a subclass can start from an empty database.</summary>
    protected virtual bool ApplyMigrations => true;

    /// <summary>A new EF Core context over this database.</summary>
    public LiveShopDbContext CreateContext() => LiveShopDataSource.CreateContext(DataSource);

    public async Task InitializeAsync()
    {
        _adminConnectionString = await TestCluster.GetAdminConnectionStringAsync();
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = TestCluster.ForDatabase(_adminConnectionString, Name);
        DataSource = LiveShopDataSource.Create(ConnectionString);
        if (ApplyMigrations)
        {
            await using var context = CreateContext();
            await context.Database.MigrateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
        if (_adminConnectionString is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A database of its own with no schema at all, for tests of the migrations themselves.</summary>
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool ApplyMigrations => false;
}
