using LiveShop.Memory.Data;
using LiveShop.Plugins.Sandbox.Seeding;
using LiveShop.Plugins.Sandbox.Simulation;

namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>
/// Remembers a world's records before a day and, after it, stages what the day added (new rows) and changed (records
/// the simulator replaced) on an EF Core context. Records are immutable, so "changed" is "not the same instance".
/// </summary>
internal sealed class WorldChanges
{
    private readonly List<Action<LiveShopDbContext>> _stagers = [];

    private WorldChanges() { }

    /// <summary>Rows the day inserted, per table.</summary>
    public Dictionary<string, int> Inserted { get; } = [];

    /// <summary>Takes the "before" picture of every list of the world.</summary>
    public static WorldChanges Track(SandboxWorld world)
    {
        var changes = new WorldChanges();
        changes.Watch("products", world.Products, EntityMapping.ToEntity);
        changes.Watch("price_changes", world.PriceChanges, EntityMapping.ToEntity);
        changes.Watch("listings", world.Listings, EntityMapping.ToEntity);
        changes.Watch("customers", world.Customers, EntityMapping.ToEntity);
        changes.Watch("creators", world.Creators, EntityMapping.ToEntity);
        changes.Watch("live_shows", world.LiveShows, EntityMapping.ToEntity);
        changes.Watch("live_show_products", world.LiveShowProducts, EntityMapping.ToEntity);
        changes.Watch("orders", world.Orders, r => EntityMapping.ToEntity(r), r => { var e = EntityMapping.ToEntity(r); e.Lines = []; return e; });
        changes.Watch("payments", world.Payments, EntityMapping.ToEntity);
        changes.Watch("refunds", world.Refunds, EntityMapping.ToEntity);
        changes.Watch("disputes", world.Disputes, EntityMapping.ToEntity);
        changes.Watch("settlements", world.Settlements, EntityMapping.ToEntity);
        changes.Watch("journal_entries", world.JournalEntries, EntityMapping.ToEntity);
        changes.Watch("support_tickets", world.Tickets, EntityMapping.ToEntity);
        changes.Watch("ad_campaigns", world.Campaigns, EntityMapping.ToEntity);
        changes.Watch("ad_sets", world.AdSets, EntityMapping.ToEntity);
        changes.Watch("ad_set_budget_changes", world.BudgetChanges, EntityMapping.ToEntity);
        changes.Watch("ad_set_daily_metrics", world.AdMetrics, EntityMapping.ToEntity);
        changes.Watch("purchase_orders", world.PurchaseOrders, r => EntityMapping.ToEntity(r), r => { var e = EntityMapping.ToEntity(r); e.Lines = []; return e; });
        changes.Watch("creator_payouts", world.Payouts, EntityMapping.ToEntity);
        changes.Watch("creator_commissions", world.Commissions, EntityMapping.ToEntity);
        return changes;
    }

    /// <summary>Adds the day's new rows and marks its changed rows modified; the caller saves.</summary>
    public void StageOn(LiveShopDbContext context)
    {
        foreach (var stage in _stagers) stage(context);
    }

    private void Watch<TRecord, TEntity>(string table, List<TRecord> list, Func<TRecord, TEntity> toEntity, Func<TRecord, TEntity>? toUpdate = null)
        where TRecord : class where TEntity : class
    {
        var before = list.ToArray();
        _stagers.Add(context =>
        {
            for (var i = 0; i < before.Length; i++)
                if (!ReferenceEquals(before[i], list[i])) context.Update((toUpdate ?? toEntity)(list[i]));
            var added = list.Count - before.Length;
            if (added <= 0) return;
            context.AddRange(list.Skip(before.Length).Select(toEntity));
            Inserted[table] = added;
        });
    }
}
