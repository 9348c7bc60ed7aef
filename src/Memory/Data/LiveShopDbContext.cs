using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Data;

/// <summary>
/// The business database: operational data of the shop, the platform's own tables and the event store.
/// Every entity has its configuration under <c>EntityConfigurations/</c>.
/// </summary>
public sealed class LiveShopDbContext(DbContextOptions<LiveShopDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LiveShopDbContext).Assembly);
    }
}
