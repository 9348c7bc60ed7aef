using System.Linq.Expressions;
using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Plugins.Fulfillment.Providers;

/// <summary>
/// Which provider ships an order: orders sold in a live show are packed at the studio and sent with shipping labels,
/// other Australian orders go to the Australian 3PL, international orders to ShipBob.
/// </summary>
public static class FulfilmentRouting
{
    /// <summary>Integration id of the Australian 3PL.</summary>
    public const string Au3pl = "au_3pl";

    /// <summary>Integration id of ShipBob.</summary>
    public const string ShipBob = "shipbob";

    /// <summary>Integration id of the shipping-label service.</summary>
    public const string ShippingLabels = "shipping_labels";

    /// <summary>The country the Australian 3PL serves.</summary>
    public const string HomeCountry = "AU";

    /// <summary>The provider that ships an order.</summary>
    public static string ProviderFor(string shippingCountry, string? liveShowId) =>
        liveShowId is not null ? ShippingLabels : shippingCountry == HomeCountry ? Au3pl : ShipBob;

    /// <summary>The same rule as a database filter: the orders one provider ships.</summary>
    public static Expression<Func<Order, bool>> OrdersOf(string provider) => provider switch
    {
        ShippingLabels => o => o.LiveShowId != null,
        Au3pl => o => o.LiveShowId == null && o.ShippingCountry == HomeCountry,
        ShipBob => o => o.LiveShowId == null && o.ShippingCountry != HomeCountry,
        _ => o => false,
    };
}
