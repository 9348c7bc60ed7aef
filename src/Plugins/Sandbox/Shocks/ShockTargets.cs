using LiveShop.Plugins.Fulfillment.Providers;

namespace LiveShop.Plugins.Sandbox.Shocks;

/// <summary>What a shock may name in the world at hand: its products, suppliers and categories, and the fulfilment providers.</summary>
public sealed record ShockTargets(IReadOnlySet<string> Products, IReadOnlySet<string> Suppliers, IReadOnlySet<string> Categories)
{
    private static readonly string[] Providers = [FulfilmentRouting.Au3pl, FulfilmentRouting.ShipBob, FulfilmentRouting.ShippingLabels];

    /// <summary>Throws <see cref="InvalidShockException"/> naming the field when the shock's target is not in the world.</summary>
    public void Check(SandboxShock shock)
    {
        switch (shock)
        {
            case SupplierCostShock s:
                Product(s.ProductId);
                Supplier(s.SupplierId);
                break;
            case DeliveryDelay d:
                Supplier(d.SupplierId);
                if (d.Provider is { } provider && !Providers.Contains(provider))
                    throw new InvalidShockException("provider", $"'{provider}' ships nothing here; use one of {string.Join(", ", Providers)}");
                break;
            case RefundWave r: Product(r.ProductId); break;
            case StockoutShock s: Product(s.ProductId); break;
            case DemandDrop d when !Categories.Contains(d.Category):
                throw new InvalidShockException("category", $"no product is in '{d.Category}'; categories: {string.Join(", ", Categories.Order())}");
        }
    }

    private void Product(string? id)
    {
        if (id is not null && !Products.Contains(id)) throw new InvalidShockException("product", $"no product has id '{id}'");
    }

    private void Supplier(string? id)
    {
        if (id is not null && !Suppliers.Contains(id))
            throw new InvalidShockException("supplier", $"no supplier has id '{id}'; suppliers: {string.Join(", ", Suppliers.Order())}");
    }
}
