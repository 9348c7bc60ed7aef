namespace LiveShop.Plugins.Sandbox.Simulation;

/// <summary>
/// The demand maths of the world, kept pure so a counterfactual engine can ask the same questions:
/// conversion from price and hidden quality, traffic per channel, ad response with diminishing returns,
/// and the refund risk of an order.
/// </summary>
public static class DemandModel
{
    /// <summary>Base conversion of a browsing session that looks at a product, per channel.</summary>
    public static double OrganicBaseConversion(string channel) => channel switch
    {
        "shopify" => 0.022,
        "tiktok_shop" => 0.016,
        _ => 0.012,
    };

    /// <summary>Daily browsing sessions of a channel before weekday and noise.</summary>
    public static double BaseSessions(string channel) => channel switch
    {
        "shopify" => 420,
        "tiktok_shop" => 560,
        _ => 220,
    };

    /// <summary>Weekend lift of traffic (people shop more on weekends).</summary>
    public static double WeekdayFactor(DayOfWeek day) => day switch
    {
        DayOfWeek.Saturday => 1.18,
        DayOfWeek.Sunday => 1.22,
        DayOfWeek.Monday => 0.92,
        _ => 1.0,
    };

    /// <summary>
    /// Conversion at a price: base × (0.5 + quality) × (price / reference)^elasticity, capped at 35 %.
    /// </summary>
    public static double Conversion(double baseRate, HiddenProductTraits traits, decimal price)
    {
        var ratio = (double)price / (double)traits.ReferencePrice;
        return Math.Min(0.35, baseRate * (0.5 + traits.Quality) * Math.Pow(ratio, traits.Elasticity));
    }

    /// <summary>Thousand-impression cost of an ads platform.</summary>
    public static double Cpm(string platform) => platform switch
    {
        "tiktok_ads" => 7.5,
        "meta_ads" => 11.0,
        _ => 15.0,
    };

    /// <summary>Click-through rate of an ads platform at low spend.</summary>
    public static double BaseClickThrough(string platform) => platform switch
    {
        "tiktok_ads" => 0.011,
        "meta_ads" => 0.010,
        _ => 0.022,
    };

    /// <summary>How ready to buy a platform's clickers are, relative to a browsing session.</summary>
    public static double PurchaseIntent(string platform) => platform switch
    {
        "google_ads" => 2.2,
        "meta_ads" => 1.8,
        _ => 1.6,
    };

    /// <summary>
    /// Clicks bought with a day's spend: impressions = spend / CPM × 1000, with a click-through rate that falls as
    /// spend grows (the best audience is reached first), so results rise with spend but ever more slowly.
    /// </summary>
    public static (double Impressions, double Clicks) AdReach(string platform, double spend, double cpmNoise)
    {
        var impressions = spend / (Cpm(platform) * cpmNoise) * 1000.0;
        var clickThrough = BaseClickThrough(platform) * Math.Pow(1.0 + spend / 150.0, -0.45);
        return (impressions, impressions * clickThrough);
    }

    /// <summary>Sales channel where a platform's ad clicks land.</summary>
    public static string LandingChannel(string platform) => platform == "tiktok_ads" ? "tiktok_shop" : "shopify";

    /// <summary>Probability an order ends in a refund request: base, worse for poor quality and late deliveries.</summary>
    public static double RefundProbability(HiddenProductTraits traits, bool deliveredLate) =>
        0.012 + (1.0 - traits.Quality) * 0.07 + (deliveredLate ? 0.06 : 0.0);

    /// <summary>Shipping fee the buyer pays: free over A$60 in Australia, flat elsewhere.</summary>
    public static decimal ShippingFee(decimal subtotal, string shippingCountry) =>
        shippingCountry == "AU" ? (subtotal >= 60m ? 0m : 7.95m) : 14.95m;

    /// <summary>Payment processing fee of a provider on an amount.</summary>
    public static decimal PaymentFee(string provider, decimal amount) =>
        provider == "stripe" ? SeededDraws.Money(amount * 0.0175m + 0.30m) : 0m;

    /// <summary>Payment provider used by a channel's checkout.</summary>
    public static string PaymentProvider(string channel) => channel == "tiktok_shop" ? "tiktok_shop" : "stripe";
}
