using System.Text.Json;
using LiveShop.Memory.Serialization;
using LiveShop.Plugins.Sandbox.Shocks;
using LiveShop.Plugins.Sandbox.Simulation;

namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>The hidden traits of one product, keyed by its id.</summary>
internal sealed record ProductTraitsEntry(string ProductId, double Quality, double Elasticity, double Popularity, decimal ReferencePrice);

/// <summary>The ip and device of a buyer whose first order never happened (the database has no order to tell them).</summary>
internal sealed record OrderlessBuyer(string CustomerId, string Ip, string DeviceId);

/// <summary>Money a channel took on one day, kept for the weekly settlement.</summary>
internal sealed record TallyEntry(
    string Channel, DateOnly Day, decimal Gross, decimal Subtotal, decimal Shipping, decimal Fees, decimal Refunds, decimal CostOfGoods,
    decimal Commissions, int Orders);

/// <summary>
/// What the simulation knows and the business database does not: true product traits, work already decided for later
/// days (deliveries, refund steps, disputes…) and recent channel tallies. Stored as jsonb in <c>sandbox_state</c>.
/// </summary>
internal sealed record HiddenWorldState(
    double TrafficScale, IReadOnlyList<ProductTraitsEntry> Traits, IReadOnlyList<ScheduledStep> Schedule, IReadOnlyList<TallyEntry> Tallies,
    IReadOnlyList<DateOnly> FraudBurstDays, IReadOnlyList<int> NextNumbers, IReadOnlyList<OrderlessBuyer> OrderlessBuyers,
    IReadOnlyList<SandboxShock>? Shocks = null)
{
    /// <summary>Days of tallies worth keeping: a settlement covers a week that ended three days before it arrives.</summary>
    private const int TallyDays = 14;

    // jsonb orders object keys its own way, so the step kind may come after the step's fields.
    private static readonly JsonSerializerOptions Options = new(JsonDefaults.Options) { AllowOutOfOrderMetadataProperties = true };

    /// <summary>Captures the hidden part of a world that has just finished the day before <paramref name="nextDay"/>.</summary>
    public static HiddenWorldState Capture(SandboxWorld world, DateOnly nextDay) => new(
        world.TrafficScale,
        world.Products.Select((p, i) => new ProductTraitsEntry(p.Id, world.Traits[i].Quality, world.Traits[i].Elasticity,
            world.Traits[i].Popularity, world.Traits[i].ReferencePrice)).ToList(),
        world.Schedule.OrderBy(kv => kv.Key).SelectMany(kv => kv.Value).ToList(),
        world.Tallies.Where(kv => kv.Key.Day >= nextDay.AddDays(-TallyDays))
            .OrderBy(kv => kv.Key.Day).ThenBy(kv => kv.Key.Channel, StringComparer.Ordinal)
            .Select(kv => new TallyEntry(kv.Key.Channel, kv.Key.Day, kv.Value.Gross, kv.Value.Subtotal, kv.Value.Shipping, kv.Value.Fees,
                kv.Value.Refunds, kv.Value.CostOfGoods, kv.Value.Commissions, kv.Value.Orders)).ToList(),
        world.FraudBurstDays.Where(d => d >= nextDay).Order().ToList(),
        WorldLoader.NextNumbers(world),
        world.Profiles.Where(p => p.Orders == 0).Select(p => new OrderlessBuyer(p.CustomerId, p.Ip, p.DeviceId)).ToList(),
        // A shock is kept until the day it ends has been played (its end may undo what its start did).
        world.Shocks.Where(s => s.Until >= nextDay).ToList());

    /// <summary>Serialises for the jsonb column.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads the jsonb column.</summary>
    public static HiddenWorldState FromJson(string json) =>
        JsonSerializer.Deserialize<HiddenWorldState>(json, Options) ?? throw new InvalidOperationException("sandbox_state holds no hidden state");

    /// <summary>Puts the hidden state back into a world rebuilt from the database.</summary>
    public void RestoreInto(SandboxWorld world)
    {
        foreach (var step in Schedule)
        {
            var day = DateOnly.FromDateTime(step.At.UtcDateTime);
            if (!world.Schedule.TryGetValue(day, out var steps)) world.Schedule[day] = steps = [];
            steps.Add(step);
        }
        foreach (var t in Tallies)
            world.Tallies[(t.Channel, t.Day)] = new ChannelDayTally
            {
                Gross = t.Gross, Subtotal = t.Subtotal, Shipping = t.Shipping, Fees = t.Fees, Refunds = t.Refunds,
                CostOfGoods = t.CostOfGoods, Commissions = t.Commissions, Orders = t.Orders,
            };
        foreach (var d in FraudBurstDays) world.FraudBurstDays.Add(d);
        world.Shocks.AddRange(Shocks ?? []);
    }

    /// <summary>
    /// Hidden traits of a product the simulation has not met before (added outside it): middling quality and a typical
    /// elasticity around the price it was first seen at.
    /// </summary>
    public static HiddenProductTraits DefaultTraits(ProductRecord product) => new(0.7, -1.7, 0.8, product.Price);
}
