using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>Reads a calendar date written as ISO ("2026-12-01"), "1 Dec 2026", "December 1" or "1/12/2026" (day first).</summary>
public static partial class DateReader
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The first date in <paramref name="text"/>; a date written without a year is taken in <paramref name="year"/>.</summary>
    public static DateOnly? Read(string text, int year)
    {
        if (IsoPattern().Match(text) is { Success: true } iso
            && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDate))
            return isoDate;
        if (DayMonthPattern().Match(text) is { Success: true } dm) return Make(dm.Groups["y"], Month(dm.Groups["m"].Value), dm.Groups["d"].Value, year);
        if (MonthDayPattern().Match(text) is { Success: true } md) return Make(md.Groups["y"], Month(md.Groups["m"].Value), md.Groups["d"].Value, year);
        if (SlashPattern().Match(text) is { Success: true } slash)
            return Make(slash.Groups["y"], int.Parse(slash.Groups["m"].Value, CultureInfo.InvariantCulture), slash.Groups["d"].Value, year);
        return null;
    }

    private static int Month(string name) => Array.IndexOf(Months, name[..3].ToLowerInvariant()) + 1;

    private static DateOnly? Make(Group yearGroup, int month, string day, int defaultYear)
    {
        var year = yearGroup.Success ? int.Parse(yearGroup.Value, CultureInfo.InvariantCulture) : defaultYear;
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, d) : null;
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,?\s+(?<y>\d{4}))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthPattern();

    [GeneratedRegex(@"\b(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y>\d{4}))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(@"\b(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{4})\b")]
    private static partial Regex SlashPattern();
}
