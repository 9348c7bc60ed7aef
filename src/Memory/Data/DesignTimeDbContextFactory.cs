using LiveShop.Memory.Database;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveShop.Memory.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LiveShopDbContext>
{
    public LiveShopDbContext CreateDbContext(string[] args) =>
        LiveShopDataSource.CreateContext(LiveShopDataSource.Create("Host=127.0.0.1;Database=liveshop_design;Username=postgres"));
}
