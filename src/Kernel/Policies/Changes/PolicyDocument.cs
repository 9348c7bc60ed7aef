using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Kernel.Policies.Changes;

/// <summary>
/// A policy as a document of sections and settings (<c>refunds.auto_refund_max</c>, <c>roles.support.request</c> …), the shape the policy file has:
/// what <see cref="ChangePolicyAction"/> edits by dotted path and what an adopted version is stored as.
/// </summary>
public static class PolicyDocument
{
    /// <summary>The policy's settings as <c>section → setting → value</c>, named as in the policy file.</summary>
    public static JsonObject ToTree(BusinessPolicy p) => new()
    {
        ["refunds"] = new JsonObject
        {
            ["auto_refund_max"] = p.Refunds.AutoRefundMax,
            ["founder_threshold"] = p.Refunds.FounderThreshold,
            ["customer_trailing_24h_max"] = p.Refunds.CustomerTrailing24hMax,
            ["hold_on_country_mismatch"] = p.Refunds.HoldOnCountryMismatch,
        },
        ["ads"] = new JsonObject
        {
            ["margin_floor_pct"] = p.Ads.MarginFloorPct,
            ["budget_step_pct"] = p.Ads.BudgetStepPct,
            ["budget_lookback_days"] = p.Ads.BudgetLookbackDays,
            ["daily_cap"] = p.Ads.DailyCap,
            ["roas_kill_switch"] = p.Ads.RoasKillSwitch,
        },
        ["pricing"] = new JsonObject
        {
            ["price_step_pct"] = p.Pricing.PriceStepPct,
            ["price_lookback_days"] = p.Pricing.PriceLookbackDays,
        },
        ["inventory"] = new JsonObject { ["min_runway_days"] = p.Inventory.MinRunwayDays },
        ["fraud"] = new JsonObject
        {
            ["first_order_total_max"] = p.Fraud.FirstOrderTotalMax,
            ["max_orders_per_ip_or_device"] = p.Fraud.MaxOrdersPerIpOrDevice,
            ["velocity_window_minutes"] = p.Fraud.VelocityWindowMinutes,
            ["hold_on_country_mismatch"] = p.Fraud.HoldOnCountryMismatch,
        },
        ["listings"] = new JsonObject { ["banned_claims"] = List(p.Listings.BannedClaims) },
        ["risk"] = new JsonObject
        {
            ["l0_actions"] = List(p.Risk.L0Actions),
            ["l1_actions"] = List(p.Risk.L1Actions),
            ["l2_actions"] = List(p.Risk.L2Actions),
            ["l3_actions"] = List(p.Risk.L3Actions),
        },
        ["proofs"] = new JsonObject { ["lifetime_minutes"] = p.Proofs.LifetimeMinutes },
        ["roles"] = new JsonObject(p.Roles.ByRole.Select(role => KeyValuePair.Create(role.Key, (JsonNode?)new JsonObject
        {
            ["request"] = List(role.Value.Request),
            ["read"] = List(role.Value.Read),
            ["approve"] = List(role.Value.Approve),
            ["console"] = List(role.Value.Console),
        }))),
        ["automation"] = new JsonObject
        {
            ["roas_kill_switch"] = new JsonObject { ["enabled"] = p.Automation.RoasKillSwitch.Enabled, ["days"] = p.Automation.RoasKillSwitch.Days },
            ["negative_margin_pause"] = new JsonObject { ["enabled"] = p.Automation.NegativeMarginPause.Enabled, ["days"] = p.Automation.NegativeMarginPause.Days },
            ["daily_spend_cap"] = new JsonObject { ["enabled"] = p.Automation.DailySpendCap.Enabled },
            ["repeated_faults"] = new JsonObject
            {
                ["enabled"] = p.Automation.RepeatedFaults.Enabled, ["count"] = p.Automation.RepeatedFaults.Count, ["days"] = p.Automation.RepeatedFaults.Days,
            },
            ["supplier_cost_alerts"] = new JsonObject
            {
                ["enabled"] = p.Automation.SupplierCostAlerts.Enabled, ["min_increase_pct"] = p.Automation.SupplierCostAlerts.MinIncreasePct,
            },
        },
        ["alerts"] = new JsonObject
        {
            ["enabled"] = p.Alerts.Enabled,
            ["baseline_days"] = p.Alerts.BaselineDays,
            ["min_baseline_days"] = p.Alerts.MinBaselineDays,
            ["mad_multiplier"] = p.Alerts.MadMultiplier,
            ["cooldown_hours"] = p.Alerts.CooldownHours,
        },
    };

    /// <summary>The policy as YAML that <see cref="PolicyLoader.Parse"/> reads back to the same version.</summary>
    public static string ToYaml(BusinessPolicy policy) => ToYaml(ToTree(policy));

    /// <summary>A document tree as policy YAML (numbers invariant, list items quoted).</summary>
    public static string ToYaml(JsonObject tree)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(ToYamlNode(tree))).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>
    /// The value at a dotted path (<c>section.setting</c>, or <c>roles.ROLE.setting</c>), or null when the document has no
    /// such setting; a path that ends on a group of settings names no setting.
    /// </summary>
    public static JsonNode? At(JsonObject tree, string path)
    {
        var node = Parent(tree, path, out var key)?[key];
        return node is JsonObject ? null : node;
    }

    /// <summary>The group of settings that holds the setting at <paramref name="path"/>, and the setting's key in it.</summary>
    public static JsonObject? Parent(JsonObject tree, string path, out string key)
    {
        var parts = path.Split('.');
        key = parts[^1];
        if (parts.Length < 2 || parts.Any(p => p.Length == 0)) return null;
        JsonObject? group = tree;
        foreach (var part in parts[..^1]) group = group?[part] as JsonObject;
        return group;
    }

    /// <summary>Every dotted path whose value differs between two policies, with both values.</summary>
    public static IReadOnlyList<SettingChange> Diff(BusinessPolicy from, BusinessPolicy to)
    {
        var before = ToTree(from);
        var after = ToTree(to);
        var paths = Paths(before).Union(Paths(after)).ToList();
        return [.. paths
            .Select(path => (Path: path, Old: At(before, path), New: At(after, path)))
            .Where(c => !JsonNode.DeepEquals(c.Old, c.New))
            .Select(c => new SettingChange(c.Path, Element(c.Old), Element(c.New)))];
    }

    /// <summary>The paths a document has, for messages that list what may be changed.</summary>
    public static IEnumerable<string> Paths(JsonObject tree) => Paths(tree, "");

    private static IEnumerable<string> Paths(JsonObject group, string prefix) =>
        group.SelectMany(setting => setting.Value is JsonObject inner
            ? Paths(inner, prefix + setting.Key + ".")
            : [prefix + setting.Key]);

    internal static JsonElement Element(JsonNode? node) =>
        node is null ? default : JsonSerializer.SerializeToElement(node);

    private static JsonArray List(IReadOnlyList<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    private static YamlNode ToYamlNode(JsonNode value)
    {
        if (value is JsonObject group)
        {
            var mapping = new YamlMappingNode();
            foreach (var (key, inner) in group) mapping.Add(key, ToYamlNode(inner!));
            return mapping;
        }
        if (value is JsonArray array)
            return new YamlSequenceNode(array.Select(item => (YamlNode)new YamlScalarNode(Element(item).GetString() ?? "") { Style = ScalarStyle.DoubleQuoted }));
        var element = Element(value);
        return element.ValueKind switch
        {
            JsonValueKind.True => new YamlScalarNode("true"),
            JsonValueKind.False => new YamlScalarNode("false"),
            JsonValueKind.Number => new YamlScalarNode(element.GetDecimal().ToString(CultureInfo.InvariantCulture)),
            _ => new YamlScalarNode(element.GetString() ?? "") { Style = ScalarStyle.DoubleQuoted },
        };
    }
}

/// <summary>One setting changed by a policy change: its dotted path and the values before and after.</summary>
public sealed record SettingChange(string Path, JsonElement From, JsonElement To);
