using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Sandbox.Simulation;

namespace LiveShop.Plugins.Tests.Sandbox;

public sealed class SupplierCostChangeTests
{
    private static readonly DateOnly Anchor = new(2026, 11, 25);

    private static List<JsonElement> CostChanges(SandboxWorld world) => world.Events.Where(e => e.Type == "SupplierCostChanged")
        .Select(e => JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options)).ToList();

    [Fact]
    public void Suppliers_reprice_a_few_times_a_quarter_by_three_to_twelve_percent_and_products_carry_the_new_cost()
    {
        var world = SandboxSimulator.RunHistory(42, 90, Anchor);
        var changes = CostChanges(world);

        var repricings = world.Events.Where(e => e.Type == "SupplierCostChanged")
            .Select(e => (Supplier: JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options).GetProperty("supplier_id").GetString(), Day: DateOnly.FromDateTime(e.OccurredAt.UtcDateTime)))
            .Distinct().ToList();
        Assert.InRange(repricings.Count, 1, 10);
        Assert.All(changes, c =>
        {
            // Cent rounding can move a small cost's change a little outside the drawn range.
            var pct = Math.Abs(c.GetProperty("change_pct").GetDecimal());
            var from = c.GetProperty("from_cost").GetDecimal();
            Assert.InRange(pct, from < 5m ? 2m : 2.9m, from < 5m ? 13m : 12.1m);
        });
        foreach (var group in changes.GroupBy(c => c.GetProperty("product_id").GetString()!))
        {
            var product = world.Products.Single(p => p.Id == group.Key);
            Assert.Equal(group.Last().GetProperty("to_cost").GetDecimal(), product.UnitCost);
            Assert.Equal(product.SupplierId, group.First().GetProperty("supplier_id").GetString());
        }
        var template = SandboxCatalogue.Products.Select((t, i) => (Id: $"p_{i + 1}", t.UnitCost)).ToDictionary(x => x.Id, x => x.UnitCost);
        var first = changes.First();
        Assert.Equal(template[first.GetProperty("product_id").GetString()!], first.GetProperty("from_cost").GetDecimal());
        Assert.Empty(EventValidator.Validate(world.Events.Where(e => e.Type == "SupplierCostChanged")
            .Select(e => new NewEvent(e.EventId, e.Type, e.OccurredAt, e.Source, JsonSerializer.SerializeToElement(e.Data, JsonDefaults.Options))).ToList()));
    }

    [Fact]
    public void The_same_seed_reprices_the_same_suppliers_on_the_same_days_and_another_seed_differently()
    {
        static string Digest(SandboxWorld w) => string.Join(";", w.Events.Where(e => e.Type == "SupplierCostChanged")
            .Select(e => $"{e.OccurredAt:O}:{JsonSerializer.Serialize(e.Data, JsonDefaults.Options)}"));

        var once = SandboxSimulator.RunHistory(7, 120, Anchor);
        var again = SandboxSimulator.RunHistory(7, 120, Anchor);
        var other = SandboxSimulator.RunHistory(8, 120, Anchor);

        Assert.NotEmpty(CostChanges(once));
        Assert.Equal(Digest(once), Digest(again));
        Assert.NotEqual(Digest(once), Digest(other));
    }
}
