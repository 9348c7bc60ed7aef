namespace LiveShop.Plugins.Sandbox.Simulation;

/// <summary>
/// What the simulation knows about a product and the shop does not: how good it really is, how demand reacts
/// to its price and how popular it is. Only the simulator reads these.
/// </summary>
/// <param name="Quality">0..1; drives conversion, refunds and disputes.</param>
/// <param name="Elasticity">Negative price elasticity of conversion (e.g. −1.6: +10 % price ⇒ ≈ −15 % conversion).</param>
/// <param name="Popularity">Relative share of browsing traffic.</param>
/// <param name="ReferencePrice">The price at which conversion equals the category's base rate.</param>
public sealed record HiddenProductTraits(double Quality, double Elasticity, double Popularity, decimal ReferencePrice);

/// <summary>A catalogue entry the world starts with.</summary>
public sealed record ProductTemplate(
    string Title, string Category, decimal Price, decimal UnitCost, decimal ShippingCost, decimal PlatformFeePct,
    int SupplierIndex, double Quality, double Elasticity, double Popularity);

/// <summary>A creator the world knows, onboarded on <see cref="OnboardDay"/> (0 = before the history starts).</summary>
public sealed record CreatorTemplate(string Handle, string Platform, string Tier, decimal CommissionPct, int AudienceSize, int OnboardDay);

/// <summary>A campaign with its ad sets (product index and starting daily budget each).</summary>
public sealed record CampaignTemplate(string Platform, string Name, string Objective, int LaunchDay, IReadOnlyList<(int Product, decimal Budget)> AdSets);

/// <summary>The fixed shape of the sandbox business: products, suppliers, creators, campaigns and platform users.</summary>
public static class SandboxCatalogue
{
    /// <summary>Sales channels of the shop.</summary>
    public static readonly IReadOnlyList<string> Channels = ["shopify", "tiktok_shop", "youtube"];

    /// <summary>Store currency.</summary>
    public const string Currency = "AUD";

    /// <summary>Suppliers: name, country, lead time in days, on-time rate in percent.</summary>
    public static readonly IReadOnlyList<(string Name, string Country, int LeadTimeDays, decimal OnTimeRate)> Suppliers =
    [
        ("Shenzhen Brightway Electronics", "CN", 18, 82m),
        ("Yiwu HomeGoods Trading", "CN", 21, 74m),
        ("Melbourne Beauty Labs", "AU", 6, 95m),
        ("Pacific Active Supply", "VN", 14, 88m),
        ("Sydney Pet Co.", "AU", 5, 97m),
    ];

    /// <summary>The products; quality, elasticity and popularity are hidden traits.</summary>
    public static readonly IReadOnlyList<ProductTemplate> Products =
    [
        new("Ice Roller Facial Massager", "beauty", 29.00m, 4.80m, 3.20m, 8.0m, 2, 0.86, -1.5, 1.3),
        new("Gua Sha Rose Quartz Set", "beauty", 34.00m, 6.10m, 3.20m, 8.0m, 2, 0.80, -1.7, 1.0),
        new("LED Light Therapy Mask", "beauty", 129.00m, 38.00m, 7.50m, 8.0m, 0, 0.62, -2.1, 0.6),
        new("Sonic Facial Cleansing Brush", "beauty", 49.00m, 11.20m, 4.10m, 8.0m, 0, 0.74, -1.8, 0.9),
        new("Heatless Curling Ribbon", "beauty", 19.00m, 2.10m, 2.60m, 8.0m, 2, 0.90, -1.3, 1.5),
        new("MagSafe Wallet Stand", "phone", 24.00m, 3.90m, 2.40m, 6.5m, 0, 0.78, -1.6, 1.2),
        new("3-in-1 Wireless Charging Dock", "phone", 69.00m, 17.50m, 5.20m, 6.5m, 0, 0.66, -2.0, 0.8),
        new("Clear Anti-Yellow Phone Case", "phone", 18.00m, 1.60m, 2.20m, 6.5m, 0, 0.58, -1.9, 1.6),
        new("Selfie Ring Light Tripod", "phone", 39.00m, 8.40m, 5.80m, 6.5m, 0, 0.72, -1.7, 1.0),
        new("Magnetic Car Vent Mount", "phone", 22.00m, 3.10m, 2.40m, 6.5m, 0, 0.81, -1.4, 0.9),
        new("Mini Portable Blender", "home", 45.00m, 10.90m, 5.60m, 7.0m, 1, 0.69, -1.8, 1.4),
        new("Electric Milk Frother", "home", 21.00m, 3.40m, 2.80m, 7.0m, 1, 0.84, -1.4, 1.1),
        new("Sunset Projection Lamp", "home", 36.00m, 7.20m, 4.90m, 7.0m, 1, 0.64, -2.2, 1.2),
        new("Vegetable Chopper Pro", "home", 32.00m, 6.80m, 5.10m, 7.0m, 1, 0.77, -1.6, 1.0),
        new("Self-Stirring Mug", "home", 26.00m, 4.40m, 3.90m, 7.0m, 1, 0.55, -1.9, 0.7),
        new("Resistance Band Set", "fitness", 29.00m, 5.20m, 3.60m, 7.5m, 3, 0.83, -1.5, 1.1),
        new("Smart Skipping Rope", "fitness", 35.00m, 7.90m, 3.40m, 7.5m, 3, 0.71, -1.8, 0.8),
        new("Massage Gun Mini", "fitness", 89.00m, 24.00m, 6.20m, 7.5m, 0, 0.70, -2.0, 0.9),
        new("Yoga Wheel", "fitness", 42.00m, 9.80m, 7.40m, 7.5m, 3, 0.79, -1.6, 0.6),
        new("Posture Corrector", "fitness", 27.00m, 3.60m, 2.70m, 7.5m, 3, 0.52, -1.7, 0.9),
        new("Self-Cleaning Slicker Brush", "pet", 25.00m, 4.10m, 3.10m, 7.0m, 4, 0.85, -1.4, 1.0),
        new("Interactive Cat Laser Toy", "pet", 31.00m, 6.30m, 3.30m, 7.0m, 4, 0.68, -1.8, 0.9),
        new("Portable Dog Water Bottle", "pet", 23.00m, 3.70m, 3.00m, 7.0m, 4, 0.82, -1.5, 0.8),
        new("Calming Pet Bed", "pet", 59.00m, 15.50m, 9.80m, 7.0m, 4, 0.76, -1.9, 0.7),
    ];

    /// <summary>Creators; audience size scales their live-show viewers.</summary>
    public static readonly IReadOnlyList<CreatorTemplate> Creators =
    [
        new("@glowwithmia", "tiktok", "gold", 15m, 3200, 0),
        new("@techtok.sam", "tiktok", "silver", 12m, 1800, 0),
        new("@homehacks.au", "tiktok", "gold", 15m, 2800, 0),
        new("@fitwithjordan", "youtube", "silver", 12m, 1500, 0),
        new("@pawsandclaws", "tiktok", "bronze", 10m, 900, 0),
        new("@skincarebyleah", "youtube", "silver", 12m, 1400, 0),
        new("@gadgetgrant", "youtube", "bronze", 8m, 700, 0),
        new("@kitchenqueen.nz", "tiktok", "bronze", 10m, 800, 24),
        new("@liftlikelola", "tiktok", "silver", 12m, 1600, 47),
        new("@dealsdownunder", "tiktok", "gold", 18m, 3600, 66),
    ];

    /// <summary>Ad campaigns and their ad sets.</summary>
    public static readonly IReadOnlyList<CampaignTemplate> Campaigns =
    [
        new("tiktok_ads", "TikTok — Beauty Spark", "conversions", 0, [(0, 220m), (4, 150m), (1, 120m)]),
        new("tiktok_ads", "TikTok — Home Gadgets", "conversions", 0, [(10, 180m), (12, 160m)]),
        new("meta_ads", "Meta — Phone Essentials", "conversions", 0, [(5, 140m), (6, 200m)]),
        new("meta_ads", "Meta — Fitness Retargeting", "retargeting", 0, [(15, 90m), (17, 150m)]),
        new("google_ads", "Google Shopping — Best Sellers", "sales", 0, [(11, 110m), (3, 120m)]),
        new("google_ads", "Google Shopping — Pets", "sales", 30, [(20, 80m), (23, 100m)]),
        new("tiktok_ads", "TikTok — Pet Launch", "conversions", 55, [(21, 120m)]),
    ];

    /// <summary>The platform's own users: email, display name, role.</summary>
    public static readonly IReadOnlyList<(string Email, string DisplayName, string Role)> Users =
    [
        ("founder@liveshop.local", "Alex Founder", "founder"),
        ("approver@liveshop.local", "Priya Approver", "approver"),
        ("support@liveshop.local", "Sam Support", "support"),
        ("developer@liveshop.local", "Dev Builder", "developer"),
    ];

    /// <summary>Ledger accounts: code, name, type.</summary>
    public static readonly IReadOnlyList<LedgerAccountRecord> Accounts =
    [
        new("1000", "Cash at bank", "asset"),
        new("1100", "Platform clearing", "asset"),
        new("1200", "Inventory", "asset"),
        new("2100", "Creator commissions payable", "liability"),
        new("3000", "Owner's equity", "equity"),
        new("4000", "Sales revenue", "revenue"),
        new("4100", "Shipping income", "revenue"),
        new("4900", "Refunds and returns", "revenue"),
        new("5000", "Cost of goods sold", "expense"),
        new("6000", "Platform and payment fees", "expense"),
        new("6100", "Advertising", "expense"),
        new("6200", "Creator commissions", "expense"),
        new("6300", "Chargeback losses", "expense"),
        new("6900", "Settlement differences", "expense"),
    ];

    /// <summary>First and last names for generated customers.</summary>
    public static readonly IReadOnlyList<string> FirstNames =
        ["Olivia", "Jack", "Charlotte", "Noah", "Amelia", "William", "Isla", "Oliver", "Mia", "Lucas", "Ava", "Henry",
         "Grace", "Leo", "Chloe", "Thomas", "Ella", "James", "Zoe", "Ethan", "Ruby", "Liam", "Sophie", "Harper"];

    /// <summary>Last names for generated customers.</summary>
    public static readonly IReadOnlyList<string> LastNames =
        ["Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson", "Thompson",
         "Walker", "Harris", "Lee", "Ryan", "Robinson", "Kelly", "King", "Chen", "Patel", "Singh", "Murphy"];
}
