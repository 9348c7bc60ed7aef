using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiveShop.Kernel.Policies.Changes;

/// <summary>
/// A policy as a document of sections and settings (<c>refunds.auto_refund_max</c> …), the shape the policy file has:
/// what <c>change_policy</c> edits by dotted path and what an adopted version is stored as.
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
    };

    /// <summary>The policy as YAML that <see cref="PolicyLoader.Parse"/> reads back to the same version.</summary>
    public static string ToYaml(BusinessPolicy policy) => ToYaml(ToTree(policy));

    /// <summary>A document tree as policy YAML (numbers invariant, list items quoted).</summary>
    public static string ToYaml(JsonObject tree)
    {
        var root = new YamlMappingNode();
        foreach (var (sectionName, section) in tree)
        {
            var mapping = new YamlMappingNode();
            foreach (var (key, value) in section!.AsObject())
                mapping.Add(key, ToYamlNode(value!));
            root.Add(sectionName, mapping);
        }
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>The value at a dotted path (<c>section.setting</c>), or null when the document has no such setting.</summary>
    public static JsonNode? At(JsonObject tree, string path)
    {
        var dot = path.IndexOf('.');
        if (dot <= 0 || dot == path.Length - 1 || path.IndexOf('.', dot + 1) >= 0) return null;
        return tree[path[..dot]] is JsonObject section ? section[path[(dot + 1)..]] : null;
    }

    /// <summary>Every dotted path whose value differs between two policies, with both values.</summary>
    public static IReadOnlyList<SettingChange> Diff(BusinessPolicy from, BusinessPolicy to)
    {
        var before = ToTree(from);
        var after = ToTree(to);
        var changes = new List<SettingChange>();
        foreach (var (sectionName, section) in after)
            foreach (var (key, value) in section!.AsObject())
            {
                var old = before[sectionName]![key];
                if (!JsonNode.DeepEquals(old, value))
                    changes.Add(new SettingChange($"{sectionName}.{key}", Element(old), Element(value)));
            }
        return changes;
    }

    /// <summary>The paths a document has, for messages that list what may be changed.</summary>
    public static IEnumerable<string> Paths(JsonObject tree) =>
        tree.SelectMany(section => section.Value!.AsObject().Select(setting => $"{section.Key}.{setting.Key}"));

    internal static JsonElement Element(JsonNode? node) =>
        node is null ? default : JsonSerializer.SerializeToElement(node);

    private static JsonArray List(IReadOnlyList<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    private static YamlNode ToYamlNode(JsonNode value)
    {
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
