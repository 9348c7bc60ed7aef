using System.Globalization;
using System.Text.RegularExpressions;
using LiveShop.Kernel.Provenance;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>A number found in a message, where it stood, and what marked it (currency, percent, unit).</summary>
public sealed record NumberSlot(decimal Value, int Start, int End, NumberMark Mark, string? PrecededBy);

/// <summary>What marked a number in the text.</summary>
public enum NumberMark
{
    /// <summary>A bare number ("600").</summary>
    Bare,

    /// <summary>Money: a currency sign or word ("$5,000", "150 bucks", "40 AUD") or two decimals ("21.00").</summary>
    Money,

    /// <summary>A percentage ("15%", "15 percent").</summary>
    Percent,

    /// <summary>A count of things ("200 units").</summary>
    Quantity,
}

/// <summary>An id such as <c>o_12</c>: its prefix (<c>o</c>) and where it stood.</summary>
public sealed record IdSlot(string Prefix, string Id, int Start, int End);

/// <summary>
/// The lexical facts of one message, independent of any function: ids, money, percentages, quantities, day windows and
/// quoted text. Ids and figures are read from the user's own words only (<see cref="Own"/>): what the user quotes or reports
/// someone else saying is data, never a command. The argument extractor maps the slots onto a chosen function's parameters.
/// </summary>
public sealed partial record MessageSlots
{
    /// <summary>The message as written.</summary>
    public required string Text { get; init; }

    /// <summary>The user's own words: <see cref="Text"/> with quoted and reported spans blanked (positions unchanged).</summary>
    public required string Own { get; init; }

    /// <summary>Every id, in order of appearance.</summary>
    public required IReadOnlyList<IdSlot> Ids { get; init; }

    /// <summary>Every number outside an id, in order of appearance.</summary>
    public required IReadOnlyList<NumberSlot> Numbers { get; init; }

    /// <summary>Text in double quotes (straight or curly) or in single quotes used as quotes, in order.</summary>
    public required IReadOnlyList<string> Quotes { get; init; }

    /// <summary>A trailing window in days ("last 14 days", "this week"), when the message names one.</summary>
    public int? Days { get; init; }

    /// <summary>How many items the message asks for ("top 3"), when it says.</summary>
    public int? Limit { get; init; }

    /// <summary>The day the message was written (UTC), for dates written without a year.</summary>
    public DateOnly Today { get; init; }

    /// <summary>Reads the slots of a message written on <paramref name="today"/>.</summary>
    public static MessageSlots Read(string text, DateOnly today)
    {
        var own = QuotedText.OwnWords(text);
        var ids = new List<IdSlot>();
        foreach (Match m in IdPattern().Matches(own))
            ids.Add(new IdSlot(m.Groups[1].Value.ToLowerInvariant(), m.Value.ToLowerInvariant(), m.Index, m.Index + m.Length));

        var quotes = new List<string>();
        var quoted = new List<(int Start, int End)>();
        foreach (Match m in QuotePattern().Matches(text))
        {
            var group = m.Groups.Cast<Group>().Skip(1).First(g => g.Success);
            quotes.Add(group.Value.Trim());
            quoted.Add((m.Index, m.Index + m.Length));
        }

        bool Taken(int start, int end) =>
            ids.Any(i => start < i.End && i.Start < end) || quoted.Any(q => start < q.End && q.Start < end);

        var numbers = new List<NumberSlot>();
        foreach (Match m in NumberPattern().Matches(own))
        {
            if (Taken(m.Index, m.Index + m.Length)) continue;
            var digits = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal);
            if (!decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) continue;
            if (m.Groups["k"].Success) value *= 1000m;
            var mark = m.Groups["cur"].Success || m.Groups["curword"].Success ? NumberMark.Money
                : m.Groups["pct"].Success ? NumberMark.Percent
                : m.Groups["unit"].Success ? NumberMark.Quantity
                : digits.Contains('.') && digits.Length - digits.IndexOf('.') == 3 ? NumberMark.Money
                : NumberMark.Bare;
            numbers.Add(new NumberSlot(value, m.Index, m.Index + m.Length, mark, WordBefore(text, m.Index)));
        }

        return new MessageSlots
        {
            Text = text,
            Own = own,
            Today = today,
            Ids = ids,
            Numbers = numbers,
            Quotes = quotes,
            Days = ReadDays(text),
            Limit = LimitPattern().Match(text) is { Success: true } limit ? int.Parse(limit.Groups[1].Value, CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>Whether a number is part of a day window or a "top N" rather than an argument of its own.</summary>
    public bool IsWindowOrLimit(NumberSlot number)
    {
        var after = Text[number.End..].TrimStart();
        return after.StartsWith("day", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("week", StringComparison.OrdinalIgnoreCase)
            || string.Equals(number.PrecededBy, "top", StringComparison.OrdinalIgnoreCase);
    }

    private static int? ReadDays(string text)
    {
        if (DaysPattern().Match(text) is { Success: true } days) return int.Parse(days.Groups[1].Value, CultureInfo.InvariantCulture);
        var lower = text.ToLowerInvariant();
        if (lower.Contains("today", StringComparison.Ordinal)) return 1;
        if (WeekPattern().IsMatch(lower)) return 7;
        if (MonthPattern().IsMatch(lower)) return 30;
        if (lower.Contains("quarter", StringComparison.Ordinal)) return 90;
        return null;
    }

    private static string? WordBefore(string text, int index)
    {
        var m = WordBeforePattern().Match(text[..index]);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"\b([a-z]{1,3})_(\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("\"([^\"]+)\"|“([^”]+)”|(?<![\\w])'([^']{2,}?)'(?![\\w])", RegexOptions.CultureInvariant)]
    private static partial Regex QuotePattern();

    [GeneratedRegex(@"(?<cur>(?:a|us|au|nz|c)?\$|€|£)?\s?(?<![\w.])(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<k>k\b)?(?:\s?(?:(?<pct>%|percent\b|per cent\b|pct\b)|(?<curword>dollars?\b|bucks\b|aud\b|usd\b|nzd\b|eur\b|gbp\b|euros?\b)|(?<unit>units?\b|pcs\b|pieces\b|items\b|boxes\b|packs\b|more\b)))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?:last|past|previous|trailing|over)\s+(\d+)\s+days?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DaysPattern();

    [GeneratedRegex(@"\b(?:this|last|past|the)\s+week\b|\bweekly\b|\b7 days\b")]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"\b(?:this|last|past|the)\s+month\b|\bmonthly\b")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"\btop\s+(\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LimitPattern();

    [GeneratedRegex(@"([A-Za-z]+)\W*$")]
    private static partial Regex WordBeforePattern();
}
