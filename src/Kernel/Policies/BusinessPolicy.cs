namespace LiveShop.Kernel.Policies;

/// <summary>The business invariants, thresholds and risk classes the verifier applies, as loaded from a policy file.</summary>
public sealed record BusinessPolicy
{
    /// <summary>Refund limits.</summary>
    public required RefundPolicy Refunds { get; init; }

    /// <summary>Ad budget rules.</summary>
    public required AdsPolicy Ads { get; init; }

    /// <summary>Price change rules.</summary>
    public required PricingPolicy Pricing { get; init; }

    /// <summary>Stock reorder rules.</summary>
    public required InventoryPolicy Inventory { get; init; }

    /// <summary>Fraud holds on fulfilment.</summary>
    public required FraudPolicy Fraud { get; init; }

    /// <summary>Listing content rules.</summary>
    public required ListingPolicy Listings { get; init; }

    /// <summary>Actions whose risk class is fixed, whatever their parameters.</summary>
    public required RiskClasses Risk { get; init; }

    /// <summary>Proof settings.</summary>
    public required ProofPolicy Proofs { get; init; }

    /// <summary>What each role may request, read, approve and do in the console.</summary>
    public required RolePolicy Roles { get; init; }

    /// <summary>The guardrail automations and their settings.</summary>
    public required AutomationPolicy Automation { get; init; }

    /// <summary>Anomaly alert settings.</summary>
    public required AlertPolicy Alerts { get; init; }

    /// <summary>SHA-256 (hex) of the policy's canonical content; not part of the content itself.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Version { get; init; } = "";
}

/// <summary>Refund thresholds in the store currency.</summary>
public sealed record RefundPolicy
{
    /// <summary>Largest refund allowed without approval.</summary>
    public required decimal AutoRefundMax { get; init; }

    /// <summary>Refunds above this need the founder.</summary>
    public required decimal FounderThreshold { get; init; }

    /// <summary>Largest sum of one customer's refunds in the trailing 24 hours (the proposed one included).</summary>
    public required decimal CustomerTrailing24hMax { get; init; }

    /// <summary>Whether a refund on an order whose billing country differs from its shipping country needs approval (L2).</summary>
    public required bool HoldOnCountryMismatch { get; init; }
}

/// <summary>Ad budget thresholds.</summary>
public sealed record AdsPolicy
{
    /// <summary>Lowest projected contribution margin (percent) at which a budget increase is allowed.</summary>
    public required decimal MarginFloorPct { get; init; }

    /// <summary>Largest budget increase (percent) allowed without approval.</summary>
    public required decimal BudgetStepPct { get; init; }

    /// <summary>How far back the "budget in force" comparison looks.</summary>
    public required int BudgetLookbackDays { get; init; }

    /// <summary>Largest sum of active ad sets' daily budgets.</summary>
    public required decimal DailyCap { get; init; }

    /// <summary>A trailing 7-day ROAS below this blocks every budget increase.</summary>
    public required decimal RoasKillSwitch { get; init; }
}

/// <summary>Price change thresholds.</summary>
public sealed record PricingPolicy
{
    /// <summary>Largest price change (percent) allowed without approval.</summary>
    public required decimal PriceStepPct { get; init; }

    /// <summary>How far back the "price in force" comparison looks.</summary>
    public required int PriceLookbackDays { get; init; }
}

/// <summary>Stock reorder thresholds.</summary>
public sealed record InventoryPolicy
{
    /// <summary>Shortest cash runway (days) a reorder may leave.</summary>
    public required decimal MinRunwayDays { get; init; }
}

/// <summary>Fraud holds applied before fulfilment.</summary>
public sealed record FraudPolicy
{
    /// <summary>A first order with a total above this is held.</summary>
    public required decimal FirstOrderTotalMax { get; init; }

    /// <summary>More orders than this from one ip or device within the window are held.</summary>
    public required int MaxOrdersPerIpOrDevice { get; init; }

    /// <summary>Length of the order velocity window.</summary>
    public required int VelocityWindowMinutes { get; init; }

    /// <summary>Whether a billing country different from the shipping country holds the order.</summary>
    public required bool HoldOnCountryMismatch { get; init; }
}

/// <summary>Listing content rules.</summary>
public sealed record ListingPolicy
{
    /// <summary>Claims a listing may not make (whole words or phrases, matched through obfuscation).</summary>
    public required IReadOnlyList<string> BannedClaims { get; init; }
}

/// <summary>Actions with a fixed risk class.</summary>
public sealed record RiskClasses
{
    /// <summary>Allowed without approval, no side effects outside drafts and reports.</summary>
    public required IReadOnlyList<string> L0Actions { get; init; }

    /// <summary>Allowed, recorded, reversible.</summary>
    public required IReadOnlyList<string> L1Actions { get; init; }

    /// <summary>Always need any approver.</summary>
    public required IReadOnlyList<string> L2Actions { get; init; }

    /// <summary>Always need the founder.</summary>
    public required IReadOnlyList<string> L3Actions { get; init; }
}

/// <summary>Proof settings.</summary>
public sealed record ProofPolicy
{
    /// <summary>How long a signed proof stays valid.</summary>
    public required int LifetimeMinutes { get; init; }
}

/// <summary>One guardrail automation: whether it runs, and over how many closed days it judges.</summary>
public sealed record Guardrail
{
    /// <summary>Whether the guardrail runs at all.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Closed days the guardrail judges over (0 where it takes no window).</summary>
    public int Days { get; init; }
}

/// <summary>The guardrail automations (each requests its actions through the verifier as <c>automation:&lt;name&gt;</c>).</summary>
public sealed record AutomationPolicy
{
    /// <summary>Pauses active ad sets whose 7-day ROAS stayed below <see cref="AdsPolicy.RoasKillSwitch"/> for <see cref="Guardrail.Days"/> closed days.</summary>
    public required Guardrail RoasKillSwitch { get; init; }

    /// <summary>Pauses the ad sets of a product whose contribution after ad spend over <see cref="Guardrail.Days"/> closed days is negative.</summary>
    public required Guardrail NegativeMarginPause { get; init; }

    /// <summary>Pauses the lowest-ROAS ad sets while the active daily budgets exceed <see cref="AdsPolicy.DailyCap"/>.</summary>
    public required Guardrail DailySpendCap { get; init; }

    /// <summary>Refunds of one product for the same reason: at <see cref="RepeatedFaults.Count"/> within <see cref="RepeatedFaults.Days"/> days, Quality &amp; Risk is notified and the product's ads are proposed for pausing.</summary>
    public required RepeatedFaults RepeatedFaults { get; init; }

    /// <summary>A supplier raising a unit cost by at least <see cref="SupplierCostAlerts.MinIncreasePct"/> percent is an alert.</summary>
    public required SupplierCostAlerts SupplierCostAlerts { get; init; }
}

/// <summary>When a supplier's cost increase is worth an alert (smaller ones are ordinary repricing).</summary>
public sealed record SupplierCostAlerts
{
    /// <summary>Whether supplier cost increases raise alerts at all.</summary>
    public required bool Enabled { get; init; }

    /// <summary>The smallest increase, in percent of the old unit cost, that raises one.</summary>
    public required decimal MinIncreasePct { get; init; }
}

/// <summary>When refunds of one product for one reason count as a repeated fault.</summary>
public sealed record RepeatedFaults
{
    /// <summary>Whether the reaction runs at all.</summary>
    public required bool Enabled { get; init; }

    /// <summary>How many refunds for the same reason make a fault.</summary>
    public required int Count { get; init; }

    /// <summary>The window (days) the refunds fall in.</summary>
    public required int Days { get; init; }
}

/// <summary>Anomaly alerts on the daily metric series.</summary>
public sealed record AlertPolicy
{
    /// <summary>Whether alerts are raised at all.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Days of history the expected range is read from.</summary>
    public required int BaselineDays { get; init; }

    /// <summary>With fewer days of history than this, no alert is raised yet.</summary>
    public required int MinBaselineDays { get; init; }

    /// <summary>How many robust standard deviations (1.4826 × MAD) from the median the expected range reaches.</summary>
    public required decimal MadMultiplier { get; init; }

    /// <summary>Hours in which the same alert (kind and entity) is not raised again.</summary>
    public required int CooldownHours { get; init; }
}
