using System.Diagnostics;
using System.Text.Json;
using LiveShop.Memory.Data;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Plugins.Sandbox.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LiveShop.Plugins.Sandbox.Seeding;

/// <summary>
/// Fills an empty business database with the sandbox business: runs the simulator over the requested history, writes
/// its rows through EF Core in bulk and appends its events to the hash-chained event store.
/// </summary>
public sealed class SandboxSeeder(Func<LiveShopDbContext> createContext, EventStore eventStore, TimeProvider? timeProvider = null)
{
    private const int EventBatchSize = 5000;

    /// <summary>True when the database holds no products yet, i.e. nothing was seeded or entered.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var context = createContext();
        return !await context.Products.AnyAsync(cancellationToken);
    }

    /// <summary>Simulates the history and writes it; call only on an empty database (see <see cref="IsEmptyAsync"/>).</summary>
    public async Task<SeedReport> SeedAsync(SeedOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var world = SandboxSimulator.RunHistory(options.Seed, options.Days, options.AnchorDate, options.ProductCount);
        var simulationTime = clock.Elapsed;

        clock.Restart();
        // Rows and events commit together: a failure leaves the database empty, never half seeded.
        await using var context = createContext();
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var rows = await WriteRowsAsync(context, world, cancellationToken);
        var events = await WriteEventsAsync(world, (NpgsqlTransaction)transaction.GetDbTransaction(), cancellationToken);
        // The live simulation resumes from here: its seed, the next day to play and what only it may know.
        context.SandboxStates.Add(LiveSimulation.InitialState(world, (timeProvider ?? TimeProvider.System).GetUtcNow()));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SeedReport(options.Seed, world.StartDate, options.AnchorDate, rows, events, simulationTime, clock.Elapsed);
    }

    private static async Task<IReadOnlyDictionary<string, int>> WriteRowsAsync(LiveShopDbContext context, SandboxWorld world, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, int>();

        // Parents before children, one SaveChanges per table so each insert is one batched round trip series.
        async Task Write<T>(string table, IEnumerable<T> entities) where T : class
        {
            var list = entities.ToList();
            context.Set<T>().AddRange(list);
            await context.SaveChangesAsync(cancellationToken);
            context.ChangeTracker.Clear();
            rows[table] = rows.GetValueOrDefault(table) + list.Count;
        }

        await Write("users", world.Users.Select(EntityMapping.ToEntity));
        await Write("ledger_accounts", SandboxCatalogue.Accounts.Select(EntityMapping.ToEntity));
        await Write("suppliers", world.Suppliers.Select(EntityMapping.ToEntity));
        await Write("products", world.Products.Select(EntityMapping.ToEntity));
        await Write("price_changes", world.PriceChanges.Select(EntityMapping.ToEntity));
        await Write("listings", world.Listings.Select(EntityMapping.ToEntity));
        await Write("customers", world.Customers.Select(EntityMapping.ToEntity));
        await Write("creators", world.Creators.Select(EntityMapping.ToEntity));
        await Write("live_shows", world.LiveShows.Select(EntityMapping.ToEntity));
        await Write("live_show_products", world.LiveShowProducts.Select(EntityMapping.ToEntity));
        foreach (var chunk in world.Orders.Chunk(2500))
        {
            await Write("orders", chunk.Select(EntityMapping.ToEntity));
            rows["order_lines"] = rows.GetValueOrDefault("order_lines") + chunk.Sum(o => o.Lines.Count);
        }
        await Write("payments", world.Payments.Select(EntityMapping.ToEntity));
        await Write("refunds", world.Refunds.Select(EntityMapping.ToEntity));
        await Write("disputes", world.Disputes.Select(EntityMapping.ToEntity));
        await Write("settlements", world.Settlements.Select(EntityMapping.ToEntity));
        await Write("journal_entries", world.JournalEntries.Select(EntityMapping.ToEntity));
        rows["ledger_lines"] = world.JournalEntries.Sum(j => j.Lines.Count);
        await Write("support_tickets", world.Tickets.Select(EntityMapping.ToEntity));
        await Write("ad_campaigns", world.Campaigns.Select(EntityMapping.ToEntity));
        await Write("ad_sets", world.AdSets.Select(EntityMapping.ToEntity));
        await Write("ad_set_budget_changes", world.BudgetChanges.Select(EntityMapping.ToEntity));
        await Write("ad_set_daily_metrics", world.AdMetrics.Select(EntityMapping.ToEntity));
        await Write("purchase_orders", world.PurchaseOrders.Select(EntityMapping.ToEntity));
        rows["purchase_order_lines"] = world.PurchaseOrders.Sum(p => p.Lines.Count);
        await Write("creator_payouts", world.Payouts.Select(EntityMapping.ToEntity));
        await Write("creator_commissions", world.Commissions.Select(EntityMapping.ToEntity));

        await IdentitySequences.AdvanceAsync(context, cancellationToken);
        return rows;
    }

    private async Task<int> WriteEventsAsync(SandboxWorld world, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var batch in world.Events.Chunk(EventBatchSize))
        {
            var events = batch.Select(e => new NewEvent(e.EventId, e.Type, e.OccurredAt, e.Source,
                JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options))).ToList();
            var result = await eventStore.AppendAsync(events, transaction, cancellationToken);
            written += result.Appended;
        }
        return written;
    }
}
