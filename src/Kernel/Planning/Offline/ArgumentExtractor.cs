using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>A required parameter the request did not supply, and why (e.g. a percentage where an amount is needed).</summary>
public sealed record MissingArgument(string Parameter, string Description, string? Hint = null);

/// <summary>The typed arguments read for one function, and the required ones that could not be read.</summary>
public sealed record ExtractedArguments(IReadOnlyDictionary<string, object> Values, IReadOnlyList<MissingArgument> Missing);

/// <summary>
/// Maps the slots of a message onto a function's parameters by their names, types and descriptions: ids by prefix
/// (read from the description's "e.g. o_12"), money onto decimal parameters, counts onto whole-number ones, day windows,
/// channels and free text by role. Pure: no I/O, no knowledge of concrete plugins.
/// </summary>
public static partial class ArgumentExtractor
{
    private static readonly Dictionary<string, string> KnownIdPrefixes = new(StringComparer.Ordinal)
    {
        ["order_id"] = "o", ["ad_set_id"] = "as", ["product_id"] = "p", ["supplier_id"] = "s", ["creator_id"] = "cr", ["ticket_id"] = "t",
    };

    private static readonly string[] Channels = ["shopify", "tiktok_shop", "youtube", "amazon", "instagram", "facebook", "etsy", "ebay"];

    /// <summary>The id prefix a parameter takes (<c>o</c> for an order id), or null when it is not an id parameter.</summary>
    public static string? IdPrefixOf(KernelParameterMetadata parameter)
    {
        if (!parameter.Name.EndsWith("_id", StringComparison.Ordinal)) return null;
        if (parameter.Description is { } description && ExampleIdPattern().Match(description) is { Success: true } example)
            return example.Groups[1].Value.ToLowerInvariant();
        return KnownIdPrefixes.GetValueOrDefault(parameter.Name);
    }

    /// <summary>Reads every parameter of <paramref name="function"/> it can from <paramref name="slots"/>.</summary>
    public static ExtractedArguments Extract(KernelFunctionMetadata function, MessageSlots slots)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var missing = new List<MissingArgument>();
        var used = new HashSet<NumberSlot>();
        var parameters = function.Parameters;

        foreach (var parameter in parameters)
        {
            var value = Read(parameter, slots, parameters, used, out var hint);
            if (value is not null) values[parameter.Name] = value;
            else if (parameter.IsRequired) missing.Add(new MissingArgument(parameter.Name, parameter.Description, hint));
        }
        return new ExtractedArguments(values, missing);
    }

    private static object? Read(KernelParameterMetadata parameter, MessageSlots slots, IReadOnlyList<KernelParameterMetadata> all,
        HashSet<NumberSlot> used, out string? hint)
    {
        hint = null;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType ?? typeof(string)) ?? parameter.ParameterType ?? typeof(string);
        if (IdPrefixOf(parameter) is { } prefix) return ReadId(parameter.Name, prefix, slots);
        if (type == typeof(int) || type == typeof(long))
        {
            int? count = parameter.Name switch
            {
                "days" => slots.Days,
                "limit" => slots.Limit,
                _ => TakeCount(slots, used, bareAllowed: parameter.IsRequired),
            };
            return count is null ? null : type == typeof(long) ? (object)(long)count.Value : count.Value;
        }
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            var moneyParameters = all.Count(p => IsNumber(p) && p.IsRequired);
            var amount = TakeMoney(slots, used, bareAllowed: parameter.IsRequired && moneyParameters == 1);
            if (amount is null && parameter.IsRequired && slots.Numbers.Any(n => n.Mark == NumberMark.Percent))
                hint = "a percentage needs an amount to apply to";
            if (amount is null) return null;
            return type == typeof(decimal) ? amount.Value : type == typeof(double) ? (double)amount.Value : (float)amount.Value;
        }
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            if (DateReader.Read(slots.Text, slots.Today.Year) is not { } date) return null;
            return type == typeof(DateOnly) ? date
                : type == typeof(DateTime) ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                : new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        if (type == typeof(string))
        {
            // Where an action goes and to whom are read from the user's own words, never from quoted text.
            if (parameter.Name == "channel") return ReadChannel(slots.Own);
            if (parameter.Name == "role") return ReadRole(slots.Own);
            if (parameter.Description?.Contains("email", StringComparison.OrdinalIgnoreCase) == true)
                return EmailPattern().Match(slots.Own) is { Success: true } email ? email.Value.TrimEnd('.') : null;
            var text = FreeTextRules.Extract(parameter.Name, slots);
            if (text is null && parameter.IsRequired && FreeTextRules.IsReason(parameter.Name)) return FreeTextRules.UnstatedReason;
            return text;
        }
        return null;
    }

    private static bool IsNumber(KernelParameterMetadata parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType ?? typeof(string)) ?? parameter.ParameterType;
        return type == typeof(decimal) || type == typeof(double) || type == typeof(float);
    }

    private static string? ReadId(string parameterName, string prefix, MessageSlots slots)
    {
        if (slots.Ids.FirstOrDefault(i => i.Prefix == prefix) is { } id) return id.Id;
        // "order #12" or "ticket 3": the noun the parameter is named after, followed by a number.
        var noun = parameterName[..^3].Replace('_', ' ');
        var spelled = Regex.Match(slots.Own, $@"\b{Regex.Escape(noun)}\s+(?:#|no\.?\s*|number\s+)?(\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return spelled.Success ? $"{prefix}_{spelled.Groups[1].Value}" : null;
    }

    private static decimal? TakeMoney(MessageSlots slots, HashSet<NumberSlot> used, bool bareAllowed)
    {
        var candidates = slots.Numbers
            .Where(n => !used.Contains(n) && (n.Mark == NumberMark.Money || (bareAllowed && n.Mark == NumberMark.Bare && !slots.IsWindowOrLimit(n))))
            .ToList();
        if (candidates.Count == 0) return null;
        // "from $25 to $21": the value after "to" is the new one; otherwise marked money before bare numbers, in order.
        var chosen = candidates.FirstOrDefault(n => n.PrecededBy is "to" or "at")
            ?? candidates.FirstOrDefault(n => n.Mark == NumberMark.Money)
            ?? candidates[0];
        used.Add(chosen);
        return chosen.Value;
    }

    private static int? TakeCount(MessageSlots slots, HashSet<NumberSlot> used, bool bareAllowed)
    {
        var chosen = slots.Numbers.FirstOrDefault(n => !used.Contains(n) && n.Mark == NumberMark.Quantity)
            ?? (bareAllowed ? slots.Numbers.FirstOrDefault(n => !used.Contains(n) && n.Mark == NumberMark.Bare && decimal.IsInteger(n.Value) && !slots.IsWindowOrLimit(n)) : null);
        if (chosen is null || chosen.Value > int.MaxValue) return null;
        used.Add(chosen);
        return (int)chosen.Value;
    }

    private static string? ReadChannel(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var channel in Channels)
        {
            var spoken = Regex.Escape(channel).Replace("_", "[ _-]?", StringComparison.Ordinal);
            if (Regex.IsMatch(lower, $@"\b{spoken}\b")) return channel;
        }
        if (Regex.IsMatch(lower, @"\btik ?tok\b")) return "tiktok_shop";
        return null;
    }

    // The product's user roles, as people name them ("make her an approver", "a support agent").
    private static string? ReadRole(string text) =>
        RolePattern().Match(text) is { Success: true } role ? role.Groups[1].Value.ToLowerInvariant() : null;

    [GeneratedRegex(@"\b(founder|approver|support|developer)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"e\.g\.\s*([a-z]{1,3})_\d+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExampleIdPattern();
}
