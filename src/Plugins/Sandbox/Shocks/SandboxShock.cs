using System.Text.Json.Serialization;

namespace LiveShop.Plugins.Sandbox.Shocks;

/// <summary>
/// A disturbance of the simulated world from <see cref="From"/> for <see cref="Days"/> days: what a real shop meets
/// (an ads platform's prices jump, a supplier raises costs, parcels arrive late, a batch is faulty, stock runs out,
/// a category falls out of fashion). Shocks live in the simulation's hidden state: the business sees only their
/// consequences, as it would.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CpmSpike), CpmSpike.Kind)]
[JsonDerivedType(typeof(SupplierCostShock), SupplierCostShock.Kind)]
[JsonDerivedType(typeof(DeliveryDelay), DeliveryDelay.Kind)]
[JsonDerivedType(typeof(RefundWave), RefundWave.Kind)]
[JsonDerivedType(typeof(StockoutShock), StockoutShock.Kind)]
[JsonDerivedType(typeof(DemandDrop), DemandDrop.Kind)]
public abstract record SandboxShock(DateOnly From, int Days)
{
    /// <summary>The first day the shock no longer applies.</summary>
    public DateOnly Until => From.AddDays(Days);

    /// <summary>True on the days the shock applies.</summary>
    public bool ActiveOn(DateOnly day) => day >= From && day < Until;
}

/// <summary>
/// An ads platform's (<c>tiktok_ads</c>, <c>meta_ads</c> or <c>google_ads</c>) thousand-impression cost rises by
/// <see cref="Pct"/> percent: the same spend buys fewer clicks.
/// </summary>
public sealed record CpmSpike(DateOnly From, int Days, string Platform, decimal Pct) : SandboxShock(From, Days)
{
    public const string Kind = "cpm_spike";
}

/// <summary>A supplier (all its products) or one product costs <see cref="Pct"/> percent more (less when negative) for the duration.</summary>
public sealed record SupplierCostShock(DateOnly From, int Days, string? SupplierId, string? ProductId, decimal Pct) : SandboxShock(From, Days)
{
    public const string Kind = "supplier_cost";
}

/// <summary>Parcels of a supplier's products, or shipped by one fulfilment provider, arrive <see cref="DaysAdded"/> days late.</summary>
public sealed record DeliveryDelay(DateOnly From, int Days, string? SupplierId, string? Provider, int DaysAdded) : SandboxShock(From, Days)
{
    public const string Kind = "delivery_delay";
}

/// <summary>Orders of one product placed in the window come back <see cref="Multiplier"/> times as often, for <see cref="Reason"/>.</summary>
public sealed record RefundWave(DateOnly From, int Days, string ProductId, string Reason, decimal Multiplier) : SandboxShock(From, Days)
{
    public const string Kind = "refund_wave";
}

/// <summary>A product's stock is gone on the first day and no delivery of it arrives until the shock ends.</summary>
public sealed record StockoutShock(DateOnly From, int Days, string ProductId) : SandboxShock(From, Days)
{
    public const string Kind = "stockout";
}

/// <summary>Shoppers want a category's products <see cref="Pct"/> percent less (fewer buy what they see).</summary>
public sealed record DemandDrop(DateOnly From, int Days, string Category, decimal Pct) : SandboxShock(From, Days)
{
    public const string Kind = "demand_drop";
}
