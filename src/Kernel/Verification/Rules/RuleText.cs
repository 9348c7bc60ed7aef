using System.Globalization;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary>Formats numbers in facts and reasons the same way on every machine.</summary>
internal static class RuleText
{
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>A decimal in its shortest invariant form (500.00 → 500).</summary>
    public static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(Culture);

    /// <summary>A percentage rounded to two places.</summary>
    public static string Pct(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", Culture) + " %";

    /// <summary>An instant as ISO-8601 UTC.</summary>
    public static string T(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Culture);
}
