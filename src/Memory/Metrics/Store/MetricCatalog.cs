using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Memory.Metrics.Store;

/// <summary>The grains the series is kept at.</summary>
public static class MetricGrains
{
    public const string Business = "business";
    public const string Channel = "channel";
    public const string Product = "product";
    public const string AdSet = "ad_set";

    /// <summary>Every grain.</summary>
    public static IReadOnlyList<string> All { get; } = [Business, Channel, Product, AdSet];

    /// <summary>The one entity id of the business grain.</summary>
    public const string BusinessId = "business";
}

/// <summary>The resolutions the series is kept at: hourly rows and their daily roll-ups.</summary>
public static class MetricResolutions
{
    public const string Hour = "hour";
    public const string Day = "day";

    /// <summary>Both resolutions.</summary>
    public static IReadOnlyList<string> All { get; } = [Hour, Day];
}

/// <summary>One metric: its name, what it means, the grains that know it and how its value follows from a bucket's components.</summary>
public sealed record MetricDefinition(string Name, string Description, IReadOnlyList<string> Grains, Func<MetricComponents, decimal?> Value);

/// <summary>
/// Every metric the store answers, each computed from summed components with the business quantities' definitions, so a
/// day's ROAS is the day's attributed revenue over the day's spend, never an average of hourly ROAS.
/// </summary>
public static class MetricCatalog
{
    private static readonly string[] Sales = [MetricGrains.Business, MetricGrains.Channel, MetricGrains.Product];
    private static readonly string[] Ads = [MetricGrains.Business, MetricGrains.Product, MetricGrains.AdSet];
    private static readonly string[] SalesAndAds = [MetricGrains.Business, MetricGrains.Product];
    private static readonly string[] Stock = [MetricGrains.Business, MetricGrains.Product];
    private static readonly string[] Cash = [MetricGrains.Business];

    /// <summary>Every metric, in the order they are listed to people.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new("revenue", "Sales revenue (GMV): order totals of the sales placed; a product's line totals", Sales, c => c.Revenue),
        new("gmv", "Same as revenue", Sales, c => c.Revenue),
        new("orders", "Sales placed (not cancelled, payment not failed)", Sales, c => c.Orders),
        new("aov", "Average order value: revenue per sale", Sales, c => Both(c.Revenue, c.Orders, Quantities.Sales.AverageOrderValue)),
        new("sessions", "Ad clicks, the sessions the data records", Ads, c => c.Sessions),
        new("conversion_rate", "Orders the ads brought per ad click, %", Ads, c => Both(c.AdOrders, c.Sessions, ConversionRate.Pct)),
        new("ad_spend", "Ad spend", Ads, c => c.AdSpend),
        new("roas", "Revenue attributed to the ads per unit of ad spend", Ads, c => Both(c.AdRevenue, c.AdSpend, Roas.Of)),
        new("cac", "Ad spend per new customer (an ad set: per order it brought)", Ads, c => Both(c.AdSpend, c.NewCustomers, AcquisitionCost.Of)),
        new("contribution_margin", "What sales made before ad spend: revenue less unit cost, shipping, fees and refunds", Sales, c => c.Margin),
        new("contribution_margin_pct", "Contribution margin as % of revenue", Sales,
            c => Both(c.Margin, c.Revenue, (m, r) => r == 0 ? null : 100m * m / r)),
        new("net_profit", "Contribution margin less ad spend", SalesAndAds, c => c.Margin is { } m ? NetProfit.Of(m, c.AdSpend) : null),
        new("refund_rate", "Share of the sales placed that refunded anything, %", Sales,
            c => Both(c.RefundedOrders, c.Orders, (r, o) => RefundRate.Pct((int)r, (int)o))),
        new("chargeback_rate", "Share of the sales placed with a dispute opened, %", Sales,
            c => Both(c.ChargedBackOrders, c.Orders, (r, o) => ChargebackRate.Pct((int)r, (int)o))),
        new("delivery_sla_days", "Average days from placed to delivered of the orders delivered", Sales,
            c => Both(c.DeliveryDays, c.DeliveredOrders, DeliveryTime.AverageDays)),
        new("stock", "Units in stock at the end of the period", Stock, c => c.Stock),
        new("stockouts", "Active products out of stock at the end of the period", Stock, c => c.Stockouts),
        new("cash", "Cash at bank at the end of the period", Cash, c => c.Cash),
        new("runway_days", "Days the cash lasts at the average daily net burn of the last 30 days; none while cash is not shrinking", Cash,
            c => Both(c.Cash, c.Burn30d, (cash, burn) => CashRunway.Days(cash, CashRunway.AverageDailyBurn(burn, CashRunway.BurnDays)))),
    ];

    private static readonly Dictionary<string, MetricDefinition> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public static MetricDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Every metric's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    private static decimal? Both(decimal? a, decimal? b, Func<decimal, decimal, decimal?> f) => a is { } x && b is { } y ? f(x, y) : null;
}
