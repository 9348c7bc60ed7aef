using System.Globalization;
using System.Text.Json;

namespace LiveShop.Plugins.Sandbox.Shocks;

/// <summary>A shock that cannot be read; the message names the field and what it must be.</summary>
public sealed class InvalidShockException(string field, string message) : Exception($"--shock {field}: {message}")
{
    /// <summary>The JSON field at fault (<c>kind</c>, <c>day</c>, <c>pct</c>…).</summary>
    public string Field { get; } = field;
}

/// <summary>
/// Reads a shock as <c>simulate --shock</c> takes it: <c>{"kind": "...", "day": D, "days": N, …kind fields}</c>, where day
/// 1 is the first simulated day of the run. Only the form is checked here; whether the product, supplier or category
/// exists is checked against the world (<see cref="ShockTargets"/>).
/// </summary>
public static class ShockParser
{
    /// <summary>Ads platforms by the short names the contract uses, and by their integration ids.</summary>
    private static readonly IReadOnlyDictionary<string, string> Platforms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["tiktok"] = "tiktok_ads", ["meta"] = "meta_ads", ["google"] = "google_ads",
        ["tiktok_ads"] = "tiktok_ads", ["meta_ads"] = "meta_ads", ["google_ads"] = "google_ads",
    };

    private static readonly string[] Kinds =
        [CpmSpike.Kind, SupplierCostShock.Kind, DeliveryDelay.Kind, RefundWave.Kind, StockoutShock.Kind, DemandDrop.Kind];

    /// <summary>Parses one shock whose day 1 is <paramref name="firstDay"/>.</summary>
    public static SandboxShock Parse(string json, DateOnly firstDay)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidShockException("json", $"not valid JSON ({e.Message})");
        }
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidShockException("json", "must be a JSON object such as {\"kind\": \"stockout\", \"day\": 10, \"days\": 5, \"product\": \"p_3\"}");

        var kind = Text(root, "kind") ?? throw new InvalidShockException("kind", $"is required: one of {string.Join(", ", Kinds)}");
        var day = Integer(root, "day") ?? throw new InvalidShockException("day", "is required: the simulated day the shock starts (1 = the first)");
        if (day < 1) throw new InvalidShockException("day", "must be 1 or more (1 = the first simulated day)");
        var days = Integer(root, "days") ?? 1;
        if (days < 1) throw new InvalidShockException("days", "must be 1 or more");
        var from = firstDay.AddDays(day - 1);

        return kind.ToLowerInvariant() switch
        {
            CpmSpike.Kind => new CpmSpike(from, days, PlatformOf(root), Positive(root, "pct")),
            SupplierCostShock.Kind => SupplierCost(root, from, days),
            DeliveryDelay.Kind => Delay(root, from, days),
            RefundWave.Kind => new RefundWave(from, days, Required(root, "product"), Text(root, "reason") ?? "defective", Multiplier(root)),
            StockoutShock.Kind => new StockoutShock(from, days, Required(root, "product")),
            DemandDrop.Kind => new DemandDrop(from, days, Required(root, "category").ToLowerInvariant(), Percent(root, "pct", max: 100)),
            _ => throw new InvalidShockException("kind", $"'{kind}' is not a shock; use one of {string.Join(", ", Kinds)}"),
        };
    }

    private static string PlatformOf(JsonElement root)
    {
        var platform = Required(root, "platform");
        return Platforms.TryGetValue(platform, out var id) ? id : throw new InvalidShockException("platform", $"'{platform}' is not an ads platform; use tiktok, meta or google");
    }

    private static SupplierCostShock SupplierCost(JsonElement root, DateOnly from, int days)
    {
        var (supplier, product) = (Text(root, "supplier"), Text(root, "product"));
        if ((supplier is null) == (product is null)) throw new InvalidShockException("supplier", "give exactly one of supplier or product");
        var pct = Number(root, "pct") ?? throw new InvalidShockException("pct", "is required: the cost change in percent (e.g. 25)");
        if (pct <= -100 || pct == 0) throw new InvalidShockException("pct", "must be above -100 and not 0");
        return new SupplierCostShock(from, days, supplier, product, pct);
    }

    private static DeliveryDelay Delay(JsonElement root, DateOnly from, int days)
    {
        var (supplier, provider) = (Text(root, "supplier"), Text(root, "provider"));
        if ((supplier is null) == (provider is null)) throw new InvalidShockException("supplier", "give exactly one of supplier or provider");
        var added = Integer(root, "days_added") ?? throw new InvalidShockException("days_added", "is required: how many days later parcels arrive");
        if (added is < 1 or > 60) throw new InvalidShockException("days_added", "must be between 1 and 60");
        return new DeliveryDelay(from, days, supplier, provider?.ToLowerInvariant(), added);
    }

    private static decimal Multiplier(JsonElement root)
    {
        var multiplier = Number(root, "multiplier") ?? throw new InvalidShockException("multiplier", "is required: how many times as often orders are refunded (e.g. 4)");
        return multiplier is > 1 and <= 50 ? multiplier : throw new InvalidShockException("multiplier", "must be above 1 and at most 50");
    }

    private static decimal Positive(JsonElement root, string field)
    {
        var value = Number(root, field) ?? throw new InvalidShockException(field, "is required: a percentage above 0");
        return value > 0 ? value : throw new InvalidShockException(field, "must be above 0");
    }

    private static decimal Percent(JsonElement root, string field, decimal max)
    {
        var value = Positive(root, field);
        return value <= max ? value : throw new InvalidShockException(field, $"must be at most {max}");
    }

    private static string Required(JsonElement root, string field) =>
        Text(root, field) ?? throw new InvalidShockException(field, "is required");

    private static string? Text(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new InvalidShockException(field, "must be a string");
        var text = value.GetString()!.Trim();
        return text.Length == 0 ? throw new InvalidShockException(field, "must not be empty") : text;
    }

    private static decimal? Number(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out number)) return number;
        throw new InvalidShockException(field, "must be a number");
    }

    private static int? Integer(JsonElement root, string field)
    {
        var number = Number(root, field);
        if (number is null) return null;
        return number == decimal.Truncate(number.Value) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number.Value
            : throw new InvalidShockException(field, "must be a whole number");
    }
}
