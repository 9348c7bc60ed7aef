using LiveShop.Plugins.Commerce.Shopify.Sync;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Plugins.Tests.Shopify;

public sealed class ShopifySyncLockTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly FakeShopify _fake = new();
    private ShopifyTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await _fake.StartAsync();
        _fake.Data.AddProduct(401, "Glow serum", "GLOW-L", 39m);
        _host = new ShopifyTestHost(_fake, database.DataSource);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_sync_is_skipped_while_another_host_holds_the_sync_lock()
    {
        await using var otherHost = await database.DataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({ShopifySync.SyncLockKey})", otherHost))
            await take.ExecuteNonQueryAsync();

        Assert.Null(await _host.Get<ShopifySync>().SyncAsync(default));
        Assert.Empty(_fake.Calls);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({ShopifySync.SyncLockKey})", otherHost))
            await release.ExecuteNonQueryAsync();
        Assert.Equal(1, (await _host.Get<ShopifySync>().SyncAsync(default))!.ProductsRead);
    }
}
