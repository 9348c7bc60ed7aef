using System.Security.Cryptography;
using LiveShop.Memory.Serialization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiveShop.Kernel.Policies;

/// <summary>Loads a <see cref="BusinessPolicy"/> from YAML, strictly, and stamps it with its content version.</summary>
public static class PolicyLoader
{
    private const string DefaultResourceName = "LiveShop.Kernel.Policies.default.yaml";
    private static readonly Lazy<BusinessPolicy> Default = new(LoadDefaultCore);

    /// <summary>The default policy embedded in this assembly (the same bytes as policies/default.yaml).</summary>
    public static BusinessPolicy LoadDefault() => Default.Value;

    /// <summary>Loads a policy file; throws <see cref="PolicyException"/> naming the file and line when it is malformed.</summary>
    public static BusinessPolicy LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PolicyException($"{path}: cannot read policy file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses policy YAML; <paramref name="source"/> names the text in error messages.</summary>
    public static BusinessPolicy Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new PolicyException($"{source}:{e.Start.Line}: invalid policy YAML: {e.Message}", e);
        }
        if (stream.Documents.Count != 1)
            throw new PolicyException($"{source}:1: invalid policy: expected exactly one YAML document, found {stream.Documents.Count}");

        var root = new PolicyYamlReader(source, stream.Documents[0].RootNode, "");
        var policy = Read(root);
        root.RejectUnknownKeys();
        return policy with { Version = ComputeVersion(policy) };
    }

    /// <summary>SHA-256 (lowercase hex) of the policy's canonical JSON content.</summary>
    public static string ComputeVersion(BusinessPolicy policy)
    {
        var canonical = CanonicalJson.ToUtf8Bytes(System.Text.Json.JsonSerializer.SerializeToElement(policy, JsonDefaults.Options));
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    private static BusinessPolicy Read(PolicyYamlReader root)
    {
        var refunds = root.Section("refunds");
        var ads = root.Section("ads");
        var pricing = root.Section("pricing");
        var inventory = root.Section("inventory");
        var fraud = root.Section("fraud");
        var listings = root.Section("listings");
        var risk = root.Section("risk");
        var proofs = root.Section("proofs");
        var roles = root.Section("roles");
        var automation = root.Section("automation");
        var alerts = root.Section("alerts");
        var guardrails = new[] { "roas_kill_switch", "negative_margin_pause", "daily_spend_cap" }.ToDictionary(k => k, automation.Section);
        var repeatedFaults = automation.Section("repeated_faults");
        var supplierCostAlerts = automation.Section("supplier_cost_alerts");

        var policy = new BusinessPolicy
        {
            Refunds = new RefundPolicy
            {
                AutoRefundMax = refunds.Decimal("auto_refund_max"),
                FounderThreshold = refunds.Decimal("founder_threshold"),
                CustomerTrailing24hMax = refunds.Decimal("customer_trailing_24h_max"),
                HoldOnCountryMismatch = refunds.Boolean("hold_on_country_mismatch"),
            },
            Ads = new AdsPolicy
            {
                MarginFloorPct = ads.Decimal("margin_floor_pct"),
                BudgetStepPct = ads.Decimal("budget_step_pct"),
                BudgetLookbackDays = ads.Integer("budget_lookback_days"),
                DailyCap = ads.Decimal("daily_cap"),
                RoasKillSwitch = ads.Decimal("roas_kill_switch"),
            },
            Pricing = new PricingPolicy
            {
                PriceStepPct = pricing.Decimal("price_step_pct"),
                PriceLookbackDays = pricing.Integer("price_lookback_days"),
            },
            Inventory = new InventoryPolicy { MinRunwayDays = inventory.Decimal("min_runway_days") },
            Fraud = new FraudPolicy
            {
                FirstOrderTotalMax = fraud.Decimal("first_order_total_max"),
                MaxOrdersPerIpOrDevice = fraud.Integer("max_orders_per_ip_or_device"),
                VelocityWindowMinutes = fraud.Integer("velocity_window_minutes"),
                HoldOnCountryMismatch = fraud.Boolean("hold_on_country_mismatch"),
            },
            Listings = new ListingPolicy { BannedClaims = listings.StringList("banned_claims") },
            Risk = new RiskClasses
            {
                L0Actions = risk.StringList("l0_actions"),
                L1Actions = risk.StringList("l1_actions"),
                L2Actions = risk.StringList("l2_actions"),
                L3Actions = risk.StringList("l3_actions"),
            },
            Proofs = new ProofPolicy { LifetimeMinutes = proofs.Integer("lifetime_minutes") },
            Roles = RolePolicyReader.Read(roles),
            Automation = new AutomationPolicy
            {
                RoasKillSwitch = new Guardrail { Enabled = guardrails["roas_kill_switch"].Boolean("enabled"), Days = guardrails["roas_kill_switch"].Integer("days") },
                NegativeMarginPause = new Guardrail { Enabled = guardrails["negative_margin_pause"].Boolean("enabled"), Days = guardrails["negative_margin_pause"].Integer("days") },
                DailySpendCap = new Guardrail { Enabled = guardrails["daily_spend_cap"].Boolean("enabled") },
                RepeatedFaults = new RepeatedFaults
                {
                    Enabled = repeatedFaults.Boolean("enabled"), Count = repeatedFaults.Integer("count"), Days = repeatedFaults.Integer("days"),
                },
                SupplierCostAlerts = new SupplierCostAlerts
                {
                    Enabled = supplierCostAlerts.Boolean("enabled"), MinIncreasePct = supplierCostAlerts.Decimal("min_increase_pct"),
                },
            },
            Alerts = new AlertPolicy
            {
                Enabled = alerts.Boolean("enabled"),
                BaselineDays = alerts.Integer("baseline_days"),
                MinBaselineDays = alerts.Integer("min_baseline_days"),
                MadMultiplier = alerts.Decimal("mad_multiplier"),
                CooldownHours = alerts.Integer("cooldown_hours"),
            },
        };
        foreach (var section in new[] { refunds, ads, pricing, inventory, fraud, listings, risk, proofs, roles, automation, alerts }.Concat(guardrails.Values).Append(repeatedFaults).Append(supplierCostAlerts))
            section.RejectUnknownKeys();
        return policy;
    }

    private static BusinessPolicy LoadDefaultCore()
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new PolicyException($"{DefaultResourceName}: the default policy is not embedded in {typeof(PolicyLoader).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "policies/default.yaml");
    }
}
