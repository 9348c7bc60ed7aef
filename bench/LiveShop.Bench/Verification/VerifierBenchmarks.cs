using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Memory.Serialization;

namespace LiveShop.Bench.Verification;

/// <summary>
/// One verdict per contract action against facts of a shop with 10 000 orders held in memory (target: p50 ≤ 5 µs,
/// p99 ≤ 50 µs). The HTTP figure with live facts from PostgreSQL is <c>./liveshop bench verify</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentilesConfig))]
public class VerifierBenchmarks
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private Verifier _verifier = null!;
    private BusinessFacts _facts = null!;
    private ActionPacket _refund = null!, _scale = null!, _price = null!, _fulfill = null!, _listing = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _verifier = new Verifier(PolicyLoader.LoadDefault());
        _facts = BusinessFacts.From(TenThousandOrders());
        _refund = Packet("refund_order", new { order_id = "o_4242", amount = 40m, reason = "damaged" });
        _scale = Packet("scale_ad_set", new { ad_set_id = "as_7", new_daily_budget = 110m });
        _price = Packet("change_price", new { product_id = "p_7", new_price = 41.5m });
        _fulfill = Packet("fulfill_order", new { order_id = "o_9999" });
        _listing = Packet("publish_listing", new
        {
            product_id = "p_7", channel = "tiktok_shop", title = "Glow serum 30 ml — vitamin C brightening",
            description = "A lightweight serum for a brighter look. Ships in 24 h, free returns within 30 days, securely packed.",
        });
    }

    [Benchmark(Baseline = true)]
    public Decision RefundOrder() => _verifier.Verify(_facts, _refund, AsOf).Decision;

    [Benchmark]
    public Decision ScaleAdSet() => _verifier.Verify(_facts, _scale, AsOf).Decision;

    [Benchmark]
    public Decision ChangePrice() => _verifier.Verify(_facts, _price, AsOf).Decision;

    [Benchmark]
    public Decision FulfillOrder() => _verifier.Verify(_facts, _fulfill, AsOf).Decision;

    [Benchmark]
    public Decision PublishListing() => _verifier.Verify(_facts, _listing, AsOf).Decision;

    private static ActionPacket Packet(string action, object parameters) => new()
    {
        ActionId = "a_bench",
        ProposedAction = action,
        Parameters = JsonSerializer.SerializeToElement(parameters, JsonDefaults.Options),
    };

    // 10 000 orders over 30 days from 2 000 customers, a refund on every 20th order, 50 ad sets and 100 products with a
    // few budget and price changes each: the size of a small shop's month.
    private static StateSnapshot TenThousandOrders()
    {
        var random = new Random(42);
        var products = Enumerable.Range(0, 100).Select(i => new ProductFact
        {
            Id = $"p_{i}", Title = $"Product {i}", Price = 40m, UnitCost = 12m, ShippingCost = 3m, FeesPct = 8m, Stock = 100,
        }).ToList();
        var adSets = Enumerable.Range(0, 50).Select(i => new AdSetFact
        {
            Id = $"as_{i}", ProductId = $"p_{i}", DailyBudget = 100m, Roas7d = 3.5m, Status = i % 5 == 0 ? "paused" : "active",
        }).ToList();
        var orders = Enumerable.Range(0, 10_000).Select(i => new OrderFact
        {
            Id = $"o_{i}", CustomerId = $"c_{i % 2000}", Total = 20m + random.Next(0, 200), PlacedAt = AsOf.AddMinutes(-random.Next(0, 30 * 24 * 60)),
            Ip = $"10.0.{i % 250}.{i % 97}", DeviceId = $"d_{i % 3000}", BillingCountry = "AU", ShippingCountry = "AU", FirstOrder = i < 2000,
        }).ToList();
        var refunds = orders.Where((_, i) => i % 20 == 0)
            .Select(o => new RefundFact { OrderId = o.Id, CustomerId = o.CustomerId, Amount = 10m, At = o.PlacedAt.AddHours(30) }).ToList();
        var budgetChanges = adSets.SelectMany(a => Enumerable.Range(1, 3).Select(d => new BudgetChangeFact
        {
            AdSetId = a.Id, From = 90m, To = 100m, At = AsOf.AddDays(-3 * d),
        })).ToList();
        var priceChanges = products.SelectMany(p => Enumerable.Range(1, 3).Select(d => new PriceChangeFact
        {
            ProductId = p.Id, From = 38m, To = 40m, At = AsOf.AddDays(-3 * d),
        })).ToList();
        return new StateSnapshot
        {
            AsOf = AsOf,
            Finance = new FinanceFacts { CashBalance = 120_000m, AvgDailyNetBurn = 1_500m },
            Products = products,
            AdSets = adSets,
            Orders = orders,
            Refunds = refunds,
            BudgetChanges = budgetChanges,
            PriceChanges = priceChanges,
        };
    }

    private sealed class PercentilesConfig : ManualConfig
    {
        public PercentilesConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
    }
}
