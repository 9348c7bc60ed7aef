namespace LiveShop.Kernel.Verification.Facts;

/// <summary>
/// The facts one verification reads, indexed once for fast lookup: entities by id, orders by ip and device,
/// refunds by customer and changes by ad set / product, each sorted by time so windows are binary searches.
/// </summary>
public sealed class BusinessFacts
{
    private readonly Dictionary<string, ProductFact> _products;
    private readonly Dictionary<string, AdSetFact> _adSets;
    private readonly Dictionary<string, OrderFact> _orders;
    private readonly Dictionary<string, long[]> _orderTimesByIp;
    private readonly Dictionary<string, long[]> _orderTimesByDevice;
    private readonly Dictionary<string, TimedAmounts> _refundsByCustomer;
    private readonly Dictionary<string, TimedChange[]> _budgetChanges;
    private readonly Dictionary<string, TimedChange[]> _priceChanges;

    private BusinessFacts(StateSnapshot snapshot, string stateVersion)
    {
        AsOf = snapshot.AsOf;
        StateVersion = stateVersion;
        Finance = snapshot.Finance;
        _products = ById(snapshot.Products, p => p.Id);
        _adSets = ById(snapshot.AdSets, a => a.Id);
        _orders = ById(snapshot.Orders, o => o.Id);
        _orderTimesByIp = TimesBy(snapshot.Orders, o => o.Ip);
        _orderTimesByDevice = TimesBy(snapshot.Orders, o => o.DeviceId);
        _refundsByCustomer = snapshot.Refunds
            .Select(r => (Customer: r.CustomerId ?? (r.OrderId is { } id && _orders.TryGetValue(id, out var o) ? o.CustomerId : null), Refund: r))
            .Where(x => !string.IsNullOrEmpty(x.Customer))
            .GroupBy(x => x.Customer!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TimedAmounts.From(g.Select(x => (x.Refund.At.UtcTicks, x.Refund.Amount))), StringComparer.Ordinal);
        _budgetChanges = ChangesBy(snapshot.BudgetChanges.Select(c => (c.AdSetId, new TimedChange(c.At.UtcTicks, c.From))));
        _priceChanges = ChangesBy(snapshot.PriceChanges.Select(c => (c.ProductId, new TimedChange(c.At.UtcTicks, c.From))));
        ActiveDailyBudgetTotal = snapshot.AdSets.Where(IsActive).Sum(a => a.DailyBudget);
    }

    /// <summary>The instant the facts describe.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>Where the facts came from (snapshot id or event sequence), copied into every proof.</summary>
    public string StateVersion { get; }

    /// <summary>Cash position.</summary>
    public FinanceFacts Finance { get; }

    /// <summary>Sum of the daily budgets of all active ad sets.</summary>
    public decimal ActiveDailyBudgetTotal { get; }

    /// <summary>Indexes a snapshot; the state version defaults to the snapshot's content id.</summary>
    public static BusinessFacts From(StateSnapshot snapshot, string? stateVersion = null) =>
        new(snapshot, stateVersion ?? StateSnapshotReader.ComputeVersion(snapshot));

    /// <summary>Whether an ad set counts towards the daily cap.</summary>
    public static bool IsActive(AdSetFact adSet) => string.Equals(adSet.Status, "active", StringComparison.OrdinalIgnoreCase);

    public bool TryGetProduct(string id, out ProductFact product) => _products.TryGetValue(id, out product!);

    public bool TryGetAdSet(string id, out AdSetFact adSet) => _adSets.TryGetValue(id, out adSet!);

    public bool TryGetOrder(string id, out OrderFact order) => _orders.TryGetValue(id, out order!);

    /// <summary>Orders placed from <paramref name="ip"/> within [from, <see cref="AsOf"/>].</summary>
    public int CountOrdersFromIp(string ip, DateTimeOffset from) => CountInWindow(_orderTimesByIp, ip, from);

    /// <summary>Orders placed from <paramref name="deviceId"/> within [from, <see cref="AsOf"/>].</summary>
    public int CountOrdersFromDevice(string deviceId, DateTimeOffset from) => CountInWindow(_orderTimesByDevice, deviceId, from);

    /// <summary>Sum of a customer's refunds made within [from, <see cref="AsOf"/>].</summary>
    public decimal CustomerRefundsSince(string customerId, DateTimeOffset from) =>
        _refundsByCustomer.TryGetValue(customerId, out var refunds) ? refunds.SumBetween(from.UtcTicks, AsOf.UtcTicks) : 0m;

    /// <summary>The ad set's budget in force at <paramref name="since"/>: the <c>from</c> of the earliest change in [since, as_of], or null when none.</summary>
    public decimal? BudgetInForceAt(string adSetId, DateTimeOffset since) => EarliestFrom(_budgetChanges, adSetId, since);

    /// <summary>The product's price in force at <paramref name="since"/>: the <c>from</c> of the earliest change in [since, as_of], or null when none.</summary>
    public decimal? PriceInForceAt(string productId, DateTimeOffset since) => EarliestFrom(_priceChanges, productId, since);

    private int CountInWindow(Dictionary<string, long[]> index, string key, DateTimeOffset from)
    {
        if (!index.TryGetValue(key, out var times)) return 0;
        return UpperBound(times, AsOf.UtcTicks) - LowerBound(times, from.UtcTicks);
    }

    private decimal? EarliestFrom(Dictionary<string, TimedChange[]> index, string key, DateTimeOffset since)
    {
        if (!index.TryGetValue(key, out var changes)) return null;
        var sinceTicks = since.UtcTicks;
        foreach (var change in changes)
        {
            if (change.Ticks > AsOf.UtcTicks) break;
            if (change.Ticks >= sinceTicks) return change.From;
        }
        return null;
    }

    internal static int LowerBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    internal static int UpperBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    // Later duplicates win: a snapshot is a projection, and the last row written is the current one.
    private static Dictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items) map[id(item)] = item;
        return map;
    }

    private static Dictionary<string, long[]> TimesBy(IEnumerable<OrderFact> orders, Func<OrderFact, string?> key) =>
        orders.Where(o => !string.IsNullOrEmpty(key(o)))
            .GroupBy(o => key(o)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.PlacedAt.UtcTicks).Order().ToArray(), StringComparer.Ordinal);

    private static Dictionary<string, TimedChange[]> ChangesBy(IEnumerable<(string Key, TimedChange Change)> changes) =>
        changes.GroupBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Change).OrderBy(c => c.Ticks).ToArray(), StringComparer.Ordinal);

    private readonly record struct TimedChange(long Ticks, decimal From);

    /// <summary>Amounts sorted by time with running sums, so a window's total is two binary searches.</summary>
    private sealed class TimedAmounts
    {
        private readonly long[] _ticks;
        private readonly decimal[] _runningSums;

        private TimedAmounts(long[] ticks, decimal[] runningSums) => (_ticks, _runningSums) = (ticks, runningSums);

        public static TimedAmounts From(IEnumerable<(long Ticks, decimal Amount)> items)
        {
            var sorted = items.OrderBy(i => i.Ticks).ToArray();
            var sums = new decimal[sorted.Length + 1];
            for (var i = 0; i < sorted.Length; i++) sums[i + 1] = sums[i] + sorted[i].Amount;
            return new TimedAmounts(sorted.Select(i => i.Ticks).ToArray(), sums);
        }

        public decimal SumBetween(long fromTicks, long toTicks)
        {
            var start = LowerBound(_ticks, fromTicks);
            var end = UpperBound(_ticks, toTicks);
            return end > start ? _runningSums[end] - _runningSums[start] : 0m;
        }
    }
}
