using LiveShop.Memory.Data;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Support;

/// <summary>An <see cref="IDbContextFactory{TContext}"/> over a test database, for services built without DI.</summary>
public sealed class SingleContextFactory(TestDatabase database) : IDbContextFactory<LiveShopDbContext>
{
    public LiveShopDbContext CreateDbContext() => database.CreateContext();
}
