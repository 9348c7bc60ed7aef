using LiveShop.Plugins.Fulfillment.Providers;
using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Plugins.Sandbox.Shocks;

namespace LiveShop.Plugins.Sandbox.Simulation;

// Shocks: what a disturbance does to the world on the days it applies. A world without shocks draws exactly the numbers
// it drew before shocks existed; what a shock itself needs at random comes from a source of its own.
public sealed partial class SandboxSimulator
{
    private void StartAndEndShocks(DateOnly day)
    {
        for (var i = 0; i < World.Shocks.Count; i++)
        {
            var shock = World.Shocks[i];
            var draws = new Random(StepRandom.Mix(StepRandom.Mix(World.Seed, day.DayNumber), 0x540C_0000 + i));
            if (shock.From == day) Start(shock, day, draws);
            else if (shock.Until == day) End(shock, day, draws);
        }
    }

    private void Start(SandboxShock shock, DateOnly day, Random draws)
    {
        switch (shock)
        {
            case SupplierCostShock s: ChangeUnitCosts(s, 1m + s.Pct / 100m, day, draws); break;
            case StockoutShock s when Product(s.ProductId) is { Stock: > 0 } product:
                TakeStock(product, product.Stock, draws.TimeOn(day, 6, 9));
                break;
        }
    }

    private void End(SandboxShock shock, DateOnly day, Random draws)
    {
        // The supplier's list price goes back where it was; every other shock simply stops applying.
        if (shock is SupplierCostShock s) ChangeUnitCosts(s, 1m / (1m + s.Pct / 100m), day, draws);
    }

    private void ChangeUnitCosts(SupplierCostShock shock, decimal factor, DateOnly day, Random draws)
    {
        var at = draws.TimeOn(day, 1, 7);
        foreach (var product in World.Products.Where(p => p.Id == shock.ProductId || p.SupplierId == shock.SupplierId).ToList())
        {
            var newCost = SeededDraws.Money(product.UnitCost * factor);
            if (newCost == product.UnitCost || newCost <= 0) continue;
            ReplaceProduct(product with { UnitCost = newCost });
            _dayEvents.Add(new SimulatedEvent(draws.NextGuid(), "SupplierCostChanged", at, "sandbox", new
            {
                SupplierId = product.SupplierId, ProductId = product.Id, Sku = product.Sku, FromCost = product.UnitCost, ToCost = newCost,
                ChangePct = Math.Round(100m * (newCost - product.UnitCost) / product.UnitCost, 2),
            }));
        }
    }

    /// <summary>How much dearer a platform's impressions are on a day (1 = as usual).</summary>
    private double CpmFactor(string platform, DateOnly day) =>
        World.Shocks.OfType<CpmSpike>().Where(s => s.Platform == platform && s.ActiveOn(day)).Aggregate(1.0, (f, s) => f * (1 + (double)s.Pct / 100));

    /// <summary>How willing shoppers are to buy a product on a day (1 = as usual).</summary>
    private double DemandFactor(ProductRecord product, DateOnly day) =>
        World.Shocks.OfType<DemandDrop>().Where(s => s.Category == product.Category && s.ActiveOn(day)).Aggregate(1.0, (f, s) => f * (1 - (double)s.Pct / 100));

    /// <summary>Days a delivery shock adds to an order placed today: its products' supplier or its fulfilment provider is late.</summary>
    private int DeliveryDelayDays(OrderRecord order)
    {
        var day = DateOnly.FromDateTime(order.PlacedAt.UtcDateTime);
        var active = World.Shocks.OfType<DeliveryDelay>().Where(s => s.ActiveOn(day)).ToList();
        if (active.Count == 0) return 0;
        var provider = FulfilmentRouting.ProviderFor(order.ShippingCountry, order.LiveShowId);
        var suppliers = order.Lines.Select(l => Product(l.ProductId).SupplierId).ToHashSet();
        return active.Where(s => s.Provider == provider || (s.SupplierId is not null && suppliers.Contains(s.SupplierId))).Sum(s => s.DaysAdded);
    }

    /// <summary>The refund wave an order placed today falls into, if any of its products is in one.</summary>
    private RefundWave? RefundWaveFor(OrderRecord order)
    {
        var day = DateOnly.FromDateTime(order.PlacedAt.UtcDateTime);
        return World.Shocks.OfType<RefundWave>().FirstOrDefault(s => s.ActiveOn(day) && order.Lines.Any(l => l.ProductId == s.ProductId));
    }

    /// <summary>The stockout that holds back deliveries of a product on a day, if any.</summary>
    private StockoutShock? StockoutOf(string productId, DateOnly day) =>
        World.Shocks.OfType<StockoutShock>().FirstOrDefault(s => s.ProductId == productId && s.ActiveOn(day));
}
