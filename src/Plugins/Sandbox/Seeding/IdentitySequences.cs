using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Creators;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Supply;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Sandbox.Seeding;

/// <summary>
/// The simulator chooses numeric ids itself; after writing them, each identity sequence moves past them so rows the
/// running product adds later get fresh ids.
/// </summary>
internal static class IdentitySequences
{
    private static readonly Type[] WithNumericIds = [typeof(PriceChange), typeof(OrderLine), typeof(LedgerLine), typeof(AdSetBudgetChange),
        typeof(PurchaseOrderLine), typeof(CreatorCommission)];

    public static async Task AdvanceAsync(LiveShopDbContext context, CancellationToken cancellationToken)
    {
        foreach (var type in WithNumericIds)
        {
            var table = context.Model.FindEntityType(type)!.GetTableName()!;
            // Table names come from the EF model, never from input; quoting keeps them identifiers.
            var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), GREATEST((SELECT max(id) FROM \"{table}\"), 1))";
            await context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }
}
