using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using Npgsql;

namespace LiveShop.Testing;

/// <summary>
/// A fresh database of its own for one test class (use as <c>IClassFixture&lt;TestDatabase&gt;</c>), set up as the
/// product sets up its own: owned by the owner role, migrated by it, the application role granted what each table needs.
/// <see cref="ConnectionString"/> and <see cref="DataSource"/> are the application role's, so the suite runs with the
/// product's least privilege; arranging what the application may not do (tampering, clean-ups) takes
/// <see cref="OwnerDataSource"/> or <see cref="AdminDataSource"/>. Dropped when the class is done.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private DatabaseLogins? _server;

    /// <summary>Name of this class's database.</summary>
    public string Name { get; } = $"t_{Guid.NewGuid():N}";

    /// <summary>This database's logins (administrator, owner, application).</summary>
    public DatabaseLogins Logins { get; private set; } = null!;

    /// <summary>Connection string of the application role: what a host or a verb gets as <c>ConnectionStrings:LiveShop</c>.</summary>
    public string ConnectionString => Logins.Application;

    /// <summary>Connection string of the owner role: what a host or a verb gets as <c>ConnectionStrings:LiveShopOwner</c>.</summary>
    public string OwnerConnectionString => Logins.Owner;

    /// <summary>
    /// The superuser's connection string to this database, as an operator's privileged owner login: for verbs that create
    /// scratch databases (benchmarks, <c>simulate --scratch</c>), which on a configured server need an owner that may
    /// create databases and the pgvector extension.
    /// </summary>
    public string AdminConnectionString => Logins.Administrator!;

    /// <summary>A pgvector-aware data source over this database, as the application role.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The same database as the owner role: clean-ups the application may not do (TRUNCATE, DELETE of platform rows).</summary>
    public NpgsqlDataSource OwnerDataSource { get; private set; } = null!;

    /// <summary>The same database as superuser: only for tests that tamper with what no role of the product may touch.</summary>
    public NpgsqlDataSource AdminDataSource { get; private set; } = null!;

    /// <summary>
    /// The settings a host needs for this database as arguments (<c>--Key=value</c>): the application login and the owner
    /// login, as an operator configures an external server.
    /// </summary>
    public IEnumerable<string> ConnectionArguments() =>
        [$"--ConnectionStrings:LiveShop={ConnectionString}", $"--ConnectionStrings:LiveShopOwner={OwnerConnectionString}"];

    /// <summary>Whether to apply the migrations on creation; a subclass can start from an empty database.</summary>
    protected virtual bool ApplyMigrations => true;

    /// <summary>A new EF Core context over this database, as the application role.</summary>
    public LiveShopDbContext CreateContext() => LiveShopDataSource.CreateContext(DataSource);

    public async Task InitializeAsync()
    {
        _server = await TestCluster.GetServerLoginsAsync();
        Logins = await DatabaseProvisioning.CreateAsync(_server, Name);
        DataSource = LiveShopDataSource.Create(Logins.Application);
        OwnerDataSource = LiveShopDataSource.Create(Logins.Owner);
        AdminDataSource = LiveShopDataSource.Create(Logins.Administrator!);
        if (ApplyMigrations) await DatabaseProvisioning.MigrateAndGrantAsync(Logins, DataSource);
    }

    public async Task DisposeAsync()
    {
        foreach (var dataSource in new[] { DataSource, OwnerDataSource, AdminDataSource })
            if (dataSource is not null) await dataSource.DisposeAsync();
        if (_server is null) return;
        NpgsqlConnection.ClearAllPools();
        await DatabaseProvisioning.DropAsync(_server, Name);
    }
}

/// <summary>A database of its own with no schema at all (owned by the owner role, pgvector created), for tests of the migrations themselves.</summary>
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool ApplyMigrations => false;
}
