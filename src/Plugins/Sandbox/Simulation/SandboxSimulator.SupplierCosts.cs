using LiveShop.Plugins.Sandbox.Live;

namespace LiveShop.Plugins.Sandbox.Simulation;

// Suppliers now and then reprice their whole list: every product they supply gets the same new unit cost factor.
public sealed partial class SandboxSimulator
{
    /// <summary>Chance that one supplier reprices on a given day: with five suppliers, about three or four changes a quarter.</summary>
    public const double SupplierRepriceChancePerDay = 0.008;

    /// <summary>The smallest and largest size of a supplier's cost change, as a fraction of the old cost.</summary>
    public static readonly (double Min, double Max) SupplierCostChangeRange = (0.03, 0.12);

    private void ReviewSupplierCosts(DateOnly day, int dayNumber)
    {
        for (var s = 0; s < World.Suppliers.Count; s++)
        {
            // A draw of its own per (seed, day, supplier) leaves every other random draw of the day untouched, and
            // plays the same in a whole history and in a live day rebuilt from the database.
            var draw = new Random(StepRandom.Mix(StepRandom.Mix(World.Seed, dayNumber), 0x5C0_0000 + s));
            if (!draw.Chance(SupplierRepriceChancePerDay)) continue;
            var supplier = World.Suppliers[s];
            var size = draw.Between(SupplierCostChangeRange.Min, SupplierCostChangeRange.Max);
            // Suppliers raise more often than they cut.
            var factor = (decimal)(draw.Chance(0.65) ? 1 + size : 1 - size);
            var at = draw.TimeOn(day, 1, 7);
            foreach (var product in World.Products.Where(p => p.SupplierId == supplier.Id).ToList())
            {
                var newCost = SeededDraws.Money(product.UnitCost * factor);
                if (newCost == product.UnitCost || newCost <= 0) continue;
                ReplaceProduct(product with { UnitCost = newCost });
                _dayEvents.Add(new SimulatedEvent(draw.NextGuid(), "SupplierCostChanged", at, "sandbox", new
                {
                    SupplierId = supplier.Id, ProductId = product.Id, Sku = product.Sku, FromCost = product.UnitCost, ToCost = newCost,
                    ChangePct = Math.Round(100m * (newCost - product.UnitCost) / product.UnitCost, 2),
                }));
            }
        }
    }
}
