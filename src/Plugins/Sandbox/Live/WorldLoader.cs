using LiveShop.Memory.Data;
using LiveShop.Plugins.Sandbox.Simulation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>
/// Rebuilds, for one live day, the part of the simulated world that day can touch: the business state agents may
/// change (prices, stock, listings, ad set status and budgets, purchase orders) read from the database, plus the
/// records the pending work refers to and the simulation's hidden state. Products and ad sets are read with
/// <c>FOR UPDATE</c>, so a connector's change waits for the day to commit (or the day waits for it).
/// </summary>
internal static class WorldLoader
{
    public static async Task<SandboxWorld> LoadAsync(
        LiveShopDbContext db, NpgsqlTransaction transaction, int seed, DateOnly startDate, DateOnly day, HiddenWorldState hidden,
        CustomerBook book,
        CancellationToken cancellationToken)
    {
        var world = new SandboxWorld(seed, startDate) { TrafficScale = hidden.TrafficScale, Today = day };

        world.Suppliers.AddRange((await db.Suppliers.AsNoTracking().ToListAsync(cancellationToken)).Select(RecordMapping.ToRecord).InIdOrder(s => s.Id));

        var traits = hidden.Traits.ToDictionary(t => t.ProductId);
        var products = await db.Products.FromSqlRaw("SELECT * FROM products FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken);
        foreach (var product in products.Select(RecordMapping.ToRecord).InIdOrder(p => p.Id))
        {
            world.ProductIndex[product.Id] = world.Products.Count;
            world.Products.Add(product);
            world.Traits.Add(traits.TryGetValue(product.Id, out var t)
                ? new HiddenProductTraits(t.Quality, t.Elasticity, t.Popularity, t.ReferencePrice)
                : HiddenWorldState.DefaultTraits(product));
            if (product.Stock <= product.ReorderPoint) world.ProductsFlaggedLow.Add(product.Id);
        }

        world.Listings.AddRange((await db.Listings.AsNoTracking().ToListAsync(cancellationToken)).Select(RecordMapping.ToRecord).InIdOrder(l => l.Id));
        var listed = world.Listings.Where(l => l.Status == "active").Select(l => (l.ProductId, l.Channel)).ToHashSet();
        foreach (var l in world.Listings.Where(l => l.Status != "active" && !listed.Contains((l.ProductId, l.Channel))))
            world.DelistedPairs.Add((l.ProductId, l.Channel));

        await LoadCustomersAsync(db, world, hidden, book, cancellationToken);

        world.Campaigns.AddRange((await db.AdCampaigns.AsNoTracking().ToListAsync(cancellationToken)).Select(RecordMapping.ToRecord).InIdOrder(c => c.Id));
        var adSets = await db.AdSets.FromSqlRaw("SELECT * FROM ad_sets FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken);
        foreach (var adSet in adSets.Select(RecordMapping.ToRecord).InIdOrder(a => a.Id))
        {
            world.AdSetIndex[adSet.Id] = world.AdSets.Count;
            world.AdSets.Add(adSet);
        }
        var since = day.AddDays(-7);
        world.AdMetrics.AddRange((await db.AdSetDailyMetrics.AsNoTracking().Where(m => m.Date >= since).ToListAsync(cancellationToken))
            .Select(RecordMapping.ToRecord).OrderBy(m => m.Date).ThenBy(m => m.AdSetId, StringComparer.Ordinal));

        world.Creators.AddRange((await db.Creators.AsNoTracking().ToListAsync(cancellationToken)).Select(RecordMapping.ToRecord).InIdOrder(c => c.Id));
        foreach (var creator in world.Creators)
            world.AudienceByCreator[creator.Handle] = SandboxCatalogue.Creators.FirstOrDefault(c => c.Handle == creator.Handle)?.AudienceSize ?? 1000;
        foreach (var template in SandboxCatalogue.Creators) world.AudienceByCreator.TryAdd(template.Handle, template.AudienceSize);
        world.Commissions.AddRange((await db.CreatorCommissions.AsNoTracking().Where(c => c.CreatorPayoutId == null).ToListAsync(cancellationToken))
            .Select(RecordMapping.ToRecord).OrderBy(c => c.Id));

        var shows = (await db.LiveShows.AsNoTracking().Where(s => s.Status == "scheduled").ToListAsync(cancellationToken))
            .Select(RecordMapping.ToRecord).InIdOrder(s => s.Id).ToList();
        foreach (var show in shows)
        {
            world.LiveShowIndex[show.Id] = world.LiveShows.Count;
            world.LiveShows.Add(show);
        }
        var showIds = shows.Select(s => s.Id).ToList();
        world.LiveShowProducts.AddRange((await db.LiveShowProducts.AsNoTracking().Where(p => showIds.Contains(p.LiveShowId)).ToListAsync(cancellationToken))
            .Select(RecordMapping.ToRecord).InIdOrder(p => p.LiveShowId).ThenBy(p => p.ProductId, StringComparer.Ordinal));

        hidden.RestoreInto(world);
        await LoadPendingWorkAsync(db, world, cancellationToken);
        await ContinueNumberingAsync(transaction, world, hidden.NextNumbers, cancellationToken);
        return world;
    }

    private static async Task LoadCustomersAsync(LiveShopDbContext db, SandboxWorld world, HiddenWorldState hidden, CustomerBook book, CancellationToken cancellationToken)
    {
        var customerCount = await db.Customers.LongCountAsync(cancellationToken);
        var orderCount = await db.Orders.LongCountAsync(cancellationToken);
        if (book.TryRestore(world, customerCount, orderCount)) return;

        var customers = (await db.Customers.AsNoTracking().ToListAsync(cancellationToken)).Select(RecordMapping.ToRecord).InIdOrder(c => c.Id).ToList();
        // A buyer keeps one ip and device in the simulation; their orders tell which, and how many orders they placed.
        var habits = await db.Orders.AsNoTracking().GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Orders = g.Count(), Ip = g.Min(o => o.Ip), DeviceId = g.Min(o => o.DeviceId) })
            .ToDictionaryAsync(h => h.CustomerId, cancellationToken);
        var orderless = hidden.OrderlessBuyers.ToDictionary(b => b.CustomerId);
        foreach (var customer in customers)
        {
            world.Customers.Add(customer);
            var profile = habits.TryGetValue(customer.Id, out var h)
                ? new CustomerProfile(customer.Id, customer.Country, h.Ip ?? "", h.DeviceId ?? "") { Orders = h.Orders }
                : orderless.TryGetValue(customer.Id, out var b) ? new CustomerProfile(customer.Id, customer.Country, b.Ip, b.DeviceId)
                : NewProfile(customer);
            world.Profiles.Add(profile);
        }
    }

    /// <summary>A buyer who never completed an order gets an ip and device derived from their id, so reloading is stable.</summary>
    private static CustomerProfile NewProfile(CustomerRecord customer)
    {
        var random = new Random(StepRandom.Mix(StepRandom.StableHash(customer.Id), 17));
        return new CustomerProfile(customer.Id, customer.Country, $"203.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}", $"dev_{random.Hex(12)}");
    }

    private static async Task LoadPendingWorkAsync(LiveShopDbContext db, SandboxWorld world, CancellationToken cancellationToken)
    {
        // Only today's work runs today; what it creates on the way (a refund approved the same day) lives in memory.
        var allSteps = world.Schedule.Values.SelectMany(s => s).ToList();
        var steps = world.Schedule.TryGetValue(world.Today, out var today) ? today : [];
        var refundIds = steps.OfType<ApproveRefund>().Select(s => s.RefundId).Concat(steps.OfType<ProcessRefund>().Select(s => s.RefundId)).Distinct().ToList();
        var disputeIds = steps.OfType<SubmitEvidence>().Select(s => s.DisputeId).Concat(steps.OfType<ResolveDispute>().Select(s => s.DisputeId)).Distinct().ToList();
        var ticketIds = steps.OfType<AnswerTicket>().Select(s => s.TicketId).Distinct().ToList();
        var payoutIds = steps.OfType<PayCreator>().Select(s => s.PayoutId).Distinct().ToList();

        var refunds = (await db.Refunds.AsNoTracking().Where(r => refundIds.Contains(r.Id)).ToListAsync(cancellationToken)).Select(RecordMapping.ToRecord).InIdOrder(r => r.Id).ToList();
        var disputes = (await db.Disputes.AsNoTracking().Where(d => disputeIds.Contains(d.Id)).ToListAsync(cancellationToken)).Select(RecordMapping.ToRecord).InIdOrder(d => d.Id).ToList();
        var orderIds = steps.Select(s => s switch
            {
                FulfilOrder f => f.OrderId, DeliverOrder d => d.OrderId, RequestRefund r => r.OrderId, OpenDispute o => o.OrderId, _ => null,
            })
            .OfType<string>().Concat(refunds.Select(r => r.OrderId)).Concat(disputes.Select(d => d.OrderId)).Distinct().ToList();

        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => orderIds.Contains(o.Id)).ToListAsync(cancellationToken);
        foreach (var order in orders.Select(RecordMapping.ToRecord).InIdOrder(o => o.Id))
        {
            world.OrderIndex[order.Id] = world.Orders.Count;
            world.Orders.Add(order);
        }
        foreach (var payment in (await db.Payments.AsNoTracking().Where(p => orderIds.Contains(p.OrderId)).ToListAsync(cancellationToken))
                     .Select(RecordMapping.ToRecord).InIdOrder(p => p.Id))
        {
            world.PaymentByOrder[payment.OrderId] = world.Payments.Count;
            world.Payments.Add(payment);
        }
        foreach (var (orderId, amount) in await RefundedAmount.OfOrdersAsync(db, orderIds, cancellationToken)) world.RefundedByOrder[orderId] = amount;

        foreach (var refund in refunds) { world.RefundIndex[refund.Id] = world.Refunds.Count; world.Refunds.Add(refund); }
        foreach (var dispute in disputes) { world.DisputeIndex[dispute.Id] = world.Disputes.Count; world.Disputes.Add(dispute); }
        foreach (var ticket in (await db.SupportTickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id)).ToListAsync(cancellationToken))
                     .Select(RecordMapping.ToRecord).InIdOrder(t => t.Id))
        {
            world.TicketIndex[ticket.Id] = world.Tickets.Count;
            world.Tickets.Add(ticket);
        }
        foreach (var payout in (await db.CreatorPayouts.AsNoTracking().Where(p => payoutIds.Contains(p.Id)).ToListAsync(cancellationToken))
                     .Select(RecordMapping.ToRecord).InIdOrder(p => p.Id))
        {
            world.PayoutIndex[payout.Id] = world.Payouts.Count;
            world.Payouts.Add(payout);
        }

        // Open purchase orders, including ones a connector placed: each arrives when expected unless already scheduled.
        var scheduledArrivals = allSteps.OfType<ReceivePurchaseOrder>().Select(s => s.PurchaseOrderId).ToHashSet();
        var open = await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines)
            .Where(p => p.Status == "ordered" || p.Status == "sent" || p.Status == "confirmed").ToListAsync(cancellationToken);
        foreach (var po in open.Select(RecordMapping.ToRecord).InIdOrder(p => p.Id))
        {
            world.PurchaseOrderIndex[po.Id] = world.PurchaseOrders.Count;
            world.PurchaseOrders.Add(po);
            foreach (var line in po.Lines) world.ProductsWithOpenPurchaseOrder.Add(line.ProductId);
            if (scheduledArrivals.Contains(po.Id)) continue;
            var at = po.ExpectedAt < Midnight(world.Today) ? Midnight(world.Today).AddHours(9) : po.ExpectedAt;
            var arrivalDay = DateOnly.FromDateTime(at.UtcDateTime);
            if (!world.Schedule.TryGetValue(arrivalDay, out var list)) world.Schedule[arrivalDay] = list = [];
            list.Add(new ReceivePurchaseOrder(at, po.Id));
        }
    }

    /// <summary>Id series the simulation numbers itself: table, prefix.</summary>
    internal static readonly (string Table, string Prefix)[] Series =
    [
        ("orders", "o"), ("payments", "pay"), ("refunds", "rf"), ("disputes", "dp"), ("settlements", "st"), ("support_tickets", "t"),
        ("purchase_orders", "po"), ("live_shows", "ls"), ("creator_payouts", "pyo"),
    ];

    /// <summary>
    /// New records continue the id series already in the database: the next numbers remembered in the hidden state,
    /// unless something else took one of them meanwhile (then the series is rescanned).
    /// </summary>
    private static async Task ContinueNumberingAsync(NpgsqlTransaction transaction, SandboxWorld world, IReadOnlyList<int> remembered, CancellationToken cancellationToken)
    {
        // Table and prefix names are constants of this class, never input; numbers are parameters.
        string[] numeric = ["order_lines", "ledger_lines", "price_changes", "ad_set_budget_changes", "purchase_order_lines", "creator_commissions"];
        var next = new long[Series.Length];
        await using (var command = new NpgsqlCommand { Connection = transaction.Connection, Transaction = transaction })
        {
            var parts = new List<string>();
            for (var i = 0; i < Series.Length; i++)
            {
                var (table, prefix) = Series[i];
                var known = i < remembered.Count ? remembered[i] : 0;
                command.Parameters.AddWithValue($"id{i}", $"{prefix}_{known}");
                parts.Add(known > 0
                    ? $"(SELECT CASE WHEN EXISTS (SELECT 1 FROM {table} WHERE id = @id{i}) THEN -1 ELSE {known} END)"
                    : "(SELECT -1)");
            }
            parts.AddRange(numeric.Select(t => $"(SELECT COALESCE(MAX(id), 0) + 1 FROM {t})"));
            command.CommandText = "SELECT " + string.Join(", ", parts);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            for (var i = 0; i < Series.Length; i++) next[i] = reader.GetInt64(i);
            world.NextOrderLineId = reader.GetInt64(Series.Length);
            world.NextLedgerLineId = reader.GetInt64(Series.Length + 1);
            world.NextPriceChangeId = reader.GetInt64(Series.Length + 2);
            world.NextBudgetChangeId = reader.GetInt64(Series.Length + 3);
            world.NextPurchaseOrderLineId = reader.GetInt64(Series.Length + 4);
            world.NextCommissionId = reader.GetInt64(Series.Length + 5);
        }
        for (var i = 0; i < Series.Length; i++)
        {
            if (next[i] > 0) continue;
            var (table, prefix) = Series[i];
            await using var scan = new NpgsqlCommand(
                $"SELECT COALESCE(MAX(CAST(substring(id from '^{prefix}_([0-9]{{1,17}})$') AS bigint)), 0) + 1 FROM {table}", transaction.Connection, transaction);
            next[i] = (long)(await scan.ExecuteScalarAsync(cancellationToken))!;
        }
        world.NextOrderNumber = (int)Math.Max(1001, next[0]);
        world.NextPaymentNumber = (int)next[1];
        world.NextRefundNumber = (int)next[2];
        world.NextDisputeNumber = (int)next[3];
        world.NextSettlementNumber = (int)next[4];
        world.NextTicketNumber = (int)next[5];
        world.NextPurchaseOrderNumber = (int)next[6];
        world.NextLiveShowNumber = (int)next[7];
        world.NextPayoutNumber = (int)next[8];
    }

    /// <summary>The next numbers of <see cref="Series"/> a world will use, for the hidden state.</summary>
    internal static IReadOnlyList<int> NextNumbers(SandboxWorld world) =>
    [
        world.NextOrderNumber, world.NextPaymentNumber, world.NextRefundNumber, world.NextDisputeNumber, world.NextSettlementNumber,
        world.NextTicketNumber, world.NextPurchaseOrderNumber, world.NextLiveShowNumber, world.NextPayoutNumber,
    ];

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
