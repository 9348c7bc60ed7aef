using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;
using Npgsql;

namespace LiveShop.Testing;

/// <summary>
/// Rows the concurrency tests of the action limits run against: customers with orders to refund, and active ad sets of a
/// product with a healthy margin and ROAS, so only the running totals (remaining amount, 24 h sum, daily cap, step)
/// decide their verdicts.
/// </summary>
public static class LimitedBusiness
{
    /// <summary>The product every ad set advertises: margin 35 % at ROAS 4, far above the floor.</summary>
    public const string ProductId = "p_limits";

    /// <summary>Adds <paramref name="customerId"/> and one order per (id, total), placed three days before <paramref name="now"/>.</summary>
    public static async Task AddOrdersAsync(TestDatabase database, string customerId, IEnumerable<(string Id, decimal Total)> orders, DateTimeOffset now)
    {
        var placedAt = now.AddDays(-3);
        await using var db = database.CreateContext();
        db.Customers.Add(new Customer { Id = customerId, Email = customerId + "@example.com", Name = customerId, Country = "AU", CreatedAt = placedAt });
        db.Orders.AddRange(orders.Select(o => new Order
        {
            Id = o.Id, CustomerId = customerId, Channel = "shopify", PlacedAt = placedAt, Status = "paid", Subtotal = o.Total, Total = o.Total,
            Currency = "AUD", Ip = "10.9.0.1", DeviceId = "d_" + o.Id, BillingCountry = "AU", ShippingCountry = "AU",
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>Adds active ad sets of <see cref="ProductId"/> with a week of ROAS 4 before <paramref name="now"/>'s day.</summary>
    public static async Task AddAdSetsAsync(TestDatabase database, IEnumerable<(string Id, decimal DailyBudget)> adSets, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var db = database.CreateContext();
        db.Products.Add(new Product
        {
            Id = ProductId, Sku = "SKU-LIMITS", Title = "Glow serum", Category = "beauty", Price = 100m, UnitCost = 30m, ShippingCost = 5m,
            PlatformFeePct = 5m, Stock = 500, Status = "active", CreatedAt = now.AddDays(-90),
        });
        db.AdCampaigns.Add(new AdCampaign { Id = "cmp_limits", Platform = "meta_ads", Name = "Always on", Objective = "sales", Status = "active", StartedAt = now.AddDays(-60) });
        foreach (var (id, budget) in adSets)
        {
            db.AdSets.Add(new AdSet { Id = id, CampaignId = "cmp_limits", ProductId = ProductId, Name = id, DailyBudget = budget, Status = "active", CreatedAt = now.AddDays(-60) });
            for (var day = 0; day < 7; day++)
                db.AdSetDailyMetrics.Add(new AdSetDailyMetric
                {
                    AdSetId = id, Date = today.AddDays(-day), Spend = 100m, Revenue = 400m, Impressions = 1000, Clicks = 10, Orders = 4,
                });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Puts every ad set back to <paramref name="dailyBudget"/> with no change history, so each test starts from the same budgets.</summary>
    public static async Task ResetAdSetsAsync(TestDatabase database, decimal dailyBudget)
    {
        // The change history is append-only for the application login; resetting it is the owner's.
        await using var batch = database.OwnerDataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM ad_set_budget_changes"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE ad_sets SET daily_budget = $1, status = 'active'") { Parameters = { new() { Value = dailyBudget } } });
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Sum of the refunds recorded for <paramref name="customerId"/>'s orders.</summary>
    public static async Task<decimal> RefundedToAsync(TestDatabase database, string customerId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT coalesce(sum(amount), 0) FROM refunds WHERE customer_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        return (decimal)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Sum of the active ad sets' daily budgets.</summary>
    public static async Task<decimal> ActiveDailyBudgetsAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT coalesce(sum(daily_budget), 0) FROM ad_sets WHERE status = 'active'");
        return (decimal)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every recorded budget change of <paramref name="adSetId"/>, as (from, to), in the order they were written.</summary>
    public static async Task<IReadOnlyList<(decimal From, decimal To)>> BudgetChangesOfAsync(TestDatabase database, string adSetId)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT from_budget, to_budget FROM ad_set_budget_changes WHERE ad_set_id = $1 ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter { Value = adSetId });
        await using var reader = await command.ExecuteReaderAsync();
        var increases = new List<(decimal, decimal)>();
        while (await reader.ReadAsync()) increases.Add((reader.GetDecimal(0), reader.GetDecimal(1)));
        return increases;
    }
}
