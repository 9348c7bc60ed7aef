using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Database;
using LiveShop.Memory.Metrics.Quantities;
using Npgsql;
using static LiveShop.Kernel.Verification.Facts.Live.FactsBatch;

namespace LiveShop.Kernel.Verification.Facts.Live;

/// <summary>
/// Facts from the business database, reading only what the packet's action is checked against. All reads run as one
/// batch — one round trip — on the database's <see cref="HotPathConnections.CreateSnapshotReads">snapshot-reads</see> connections, where a batch is one REPEATABLE
/// READ transaction, so the facts and their <c>events:&lt;sequence&gt;</c> state version describe the same instant.
/// </summary>
public sealed class DatabaseFactsProvider : IFactsProvider
{
    // What counts as refunded, what ROAS and cash runway are: one definition each, shared with every other reader.
    private const string RefundCounts = RefundedAmount.SqlCounts;
    private const string AdSetRoas = Roas.SqlOfAdSet;
    private const string CashAndBurn = CashRunway.Sql;
    private const string ProductColumns = "p.id, p.title, p.price, p.unit_cost, p.shipping_cost, p.platform_fee_pct, p.stock";
    private const string OrderColumns =
        "o.id, o.customer_id, o.total, o.placed_at, o.ip, o.device_id, o.billing_country, o.shipping_country, o.first_order, " +
        "(SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.order_id = o.id AND " + RefundCounts + ")";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly PolicyInForce? _policies;
    private Windows _windows;

    private sealed record Windows(BusinessPolicy? Policy, LiveFactsOptions Options);

    private LiveFactsOptions Options => Volatile.Read(ref _windows).Options;

    /// <summary>Reads facts from <paramref name="dataSource"/> as of <paramref name="time"/>'s now, with windows from <paramref name="options"/>.</summary>
    public DatabaseFactsProvider(NpgsqlDataSource dataSource, TimeProvider time, LiveFactsOptions options)
    {
        _dataSource = LiveShopDataSource.SnapshotReadsOf(dataSource);
        _time = time;
        _windows = new Windows(null, options);
    }

    /// <summary>Reads facts with the windows the policy looks back over.</summary>
    public DatabaseFactsProvider(NpgsqlDataSource dataSource, TimeProvider time, BusinessPolicy policy)
        : this(dataSource, time, LiveFactsOptions.For(policy)) { }

    /// <summary>Reads facts with the windows the policy in force looks back over, following its changes.</summary>
    public DatabaseFactsProvider(NpgsqlDataSource dataSource, TimeProvider time, PolicyInForce policies)
        : this(dataSource, time, LiveFactsOptions.For(policies.Current))
    {
        _policies = policies;
        _windows = new Windows(policies.Current, Options);
    }

    /// <inheritdoc />
    public async ValueTask<BusinessFacts> GetFactsAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        if (_policies is { Current: var current } && !ReferenceEquals(current, Volatile.Read(ref _windows).Policy))
            Volatile.Write(ref _windows, new Windows(current, LiveFactsOptions.For(current))); // sized to the policy now in force
        var now = _time.GetUtcNow().ToUniversalTime();
        var facts = new Collected();
        var batch = new FactsBatch();
        batch.Add("SELECT coalesce(max(sequence), 0) FROM business_events", r => facts.Sequence = r.GetInt64(0));
        AddReadsFor(packet, now, batch, facts);

        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
            await batch.ExecuteAsync(connection, cancellationToken);

        var snapshot = new StateSnapshot
        {
            AsOf = now,
            Finance = facts.Finance,
            Products = facts.Products,
            AdSets = facts.AdSets,
            Orders = facts.Orders,
            Refunds = facts.Refunds,
            BudgetChanges = facts.BudgetChanges,
            PriceChanges = facts.PriceChanges,
        };
        return BusinessFacts.From(snapshot, $"events:{facts.Sequence}");
    }

    // The action's definition says which facts its rules read; each request adds one query to the batch.
    private void AddReadsFor(ActionPacket packet, DateTimeOffset now, FactsBatch batch, Collected facts) =>
        ActionCatalog.Find(packet.ProposedAction)?.RequestFacts(packet.Parameters, new Requests(this, batch, facts, now));

    private sealed class Requests(DatabaseFactsProvider provider, FactsBatch batch, Collected facts, DateTimeOffset now) : IFactRequests
    {
        private LiveFactsOptions Options => provider.Options;

        public void Order(string orderId) => AddOrder(batch, facts, orderId);

        public void CustomerRefundsOf(string orderId) => AddCustomerRefunds(batch, facts, orderId, now - Options.CustomerRefundWindow, now);

        public void OrdersFromSameIpOrDevice(string orderId) => AddOrdersFromSameIpOrDevice(batch, facts, orderId, now - Options.VelocityWindow, now);

        public void AdSetAndActiveAdSets(string adSetId) => provider.AddAdSets(batch, facts, adSetId, DateOnly.FromDateTime(now.UtcDateTime));

        public void ProductOfAdSet(string adSetId) => AddProduct(batch, facts, "(SELECT a.product_id FROM ad_sets a WHERE a.id = $1)", adSetId);

        public void BudgetChanges(string adSetId) =>
            batch.Add("SELECT c.from_budget, c.to_budget, c.changed_at FROM ad_set_budget_changes c " +
                      "WHERE c.ad_set_id = $1 AND c.changed_at >= $2 AND c.changed_at <= $3",
                r => facts.BudgetChanges.Add(new BudgetChangeFact { AdSetId = adSetId, From = Number(r, 0), To = Number(r, 1), At = At(r, 2) }),
                Value(adSetId), Value(now.AddDays(-Options.BudgetLookbackDays)), Value(now));

        public void Product(string productId) => AddProduct(batch, facts, "$1", productId);

        public void PriceChanges(string productId) =>
            batch.Add("SELECT c.from_price, c.to_price, c.changed_at FROM price_changes c " +
                      "WHERE c.product_id = $1 AND c.changed_at >= $2 AND c.changed_at <= $3",
                r => facts.PriceChanges.Add(new PriceChangeFact { ProductId = productId, From = Number(r, 0), To = Number(r, 1), At = At(r, 2) }),
                Value(productId), Value(now.AddDays(-Options.PriceLookbackDays)), Value(now));

        public void Finance() => provider.AddFinance(batch, facts, now);
    }

    private static void AddOrder(FactsBatch batch, Collected facts, string orderId) =>
        batch.Add($"SELECT {OrderColumns} FROM orders o WHERE o.id = $1", r => facts.Orders.Add(new OrderFact
        {
            Id = r.GetString(0),
            CustomerId = r.GetString(1),
            Total = Number(r, 2),
            PlacedAt = At(r, 3),
            Ip = r.GetString(4),
            DeviceId = r.GetString(5),
            BillingCountry = r.GetString(6),
            ShippingCountry = r.GetString(7),
            FirstOrder = r.GetBoolean(8),
            RefundedAmount = Number(r, 9),
        }), Value(orderId));

    private static void AddCustomerRefunds(FactsBatch batch, Collected facts, string orderId, DateTimeOffset from, DateTimeOffset to) =>
        batch.Add("SELECT r.order_id, r.customer_id, r.amount, r.requested_at FROM refunds r " +
                  "WHERE r.customer_id = (SELECT o.customer_id FROM orders o WHERE o.id = $1) " +
                  $"AND r.requested_at >= $2 AND r.requested_at <= $3 AND {RefundCounts}",
            r => facts.Refunds.Add(new RefundFact { OrderId = r.GetString(0), CustomerId = r.GetString(1), Amount = Number(r, 2), At = At(r, 3) }),
            Value(orderId), Value(from), Value(to));

    // Two index range scans (ip, placed_at) and (device_id, placed_at); UNION drops an order matching both.
    private static void AddOrdersFromSameIpOrDevice(FactsBatch batch, Collected facts, string orderId, DateTimeOffset from, DateTimeOffset to) =>
        batch.Add("SELECT w.id, w.placed_at, w.ip, w.device_id FROM orders w " +
                  "WHERE w.ip = (SELECT o.ip FROM orders o WHERE o.id = $1) AND w.placed_at >= $2 AND w.placed_at <= $3 AND w.id <> $1 " +
                  "UNION " +
                  "SELECT w.id, w.placed_at, w.ip, w.device_id FROM orders w " +
                  "WHERE w.device_id = (SELECT o.device_id FROM orders o WHERE o.id = $1) AND w.placed_at >= $2 AND w.placed_at <= $3 AND w.id <> $1",
            r => facts.Orders.Insert(0, new OrderFact { Id = r.GetString(0), Total = 0m, PlacedAt = At(r, 1), Ip = r.GetString(2), DeviceId = r.GetString(3) }),
            Value(orderId), Value(from), Value(to));

    // The ad set with its ROAS over the trailing days (revenue / spend; none spent reads as 0, so no increase passes the
    // kill switch on no evidence), and every other active ad set for the daily cap.
    private void AddAdSets(FactsBatch batch, Collected facts, string adSetId, DateOnly today)
    {
        var roasDays = DayWindow.Trailing(today, Options.RoasDays);
        batch.Add("SELECT a.id, a.product_id, a.daily_budget, a.status, " +
                  $"coalesce({AdSetRoas}, 0) FROM ad_sets a WHERE a.id = $1",
            r => facts.AdSets.Add(ReadAdSet(r, Number(r, 4))),
            Value(adSetId), Value(roasDays.From), Value(roasDays.To));
        batch.Add("SELECT a.id, a.product_id, a.daily_budget, a.status FROM ad_sets a WHERE lower(a.status) = 'active' AND a.id <> $1",
            r => facts.AdSets.Insert(0, ReadAdSet(r, 0m)), Value(adSetId));
    }

    private static AdSetFact ReadAdSet(NpgsqlDataReader r, decimal roas) => new()
    {
        Id = r.GetString(0), ProductId = r.GetString(1), DailyBudget = Number(r, 2), Status = r.GetString(3), Roas7d = roas,
    };

    private static void AddProduct(FactsBatch batch, Collected facts, string idExpression, string id) =>
        batch.Add($"SELECT {ProductColumns} FROM products p WHERE p.id = {idExpression}", r => facts.Products.Add(new ProductFact
        {
            Id = r.GetString(0),
            Title = r.GetString(1),
            Price = Number(r, 2),
            UnitCost = Number(r, 3),
            ShippingCost = Number(r, 4),
            FeesPct = Number(r, 5),
            Stock = r.GetInt32(6),
        }), Value(id));

    // Cash = balance of the cash accounts up to now; burn = net cash outflow over the trailing days, per day.
    private void AddFinance(FactsBatch batch, Collected facts, DateTimeOffset now) =>
        batch.Add(CashAndBurn,
            r => facts.Finance = new FinanceFacts { CashBalance = Number(r, 0), AvgDailyNetBurn = CashRunway.AverageDailyBurn(Number(r, 1), Options.BurnDays) },
            Value(Options.CashAccountCodes.ToArray()), Value(now.AddDays(-Options.BurnDays)), Value(now));

    private static DateTimeOffset At(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    // numeric columns carry their scale (70.00); facts state numbers in their shortest form, as a snapshot file does.
    private static decimal Number(NpgsqlDataReader reader, int ordinal) => reader.GetDecimal(ordinal) / 1.0000000000000000000000000000m;

    /// <summary>What the batch's readers fill in.</summary>
    private sealed class Collected
    {
        public long Sequence { get; set; }
        public FinanceFacts Finance { get; set; } = new() { CashBalance = 0m, AvgDailyNetBurn = 0m };
        public List<ProductFact> Products { get; } = [];
        public List<AdSetFact> AdSets { get; } = [];
        public List<OrderFact> Orders { get; } = [];
        public List<RefundFact> Refunds { get; } = [];
        public List<BudgetChangeFact> BudgetChanges { get; } = [];
        public List<PriceChangeFact> PriceChanges { get; } = [];
    }
}
