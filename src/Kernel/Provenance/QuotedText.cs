using System.Text.RegularExpressions;

namespace LiveShop.Kernel.Provenance;

/// <summary>
/// The parts of a user's message that are somebody else's words: quotes (straight, curly, «»), block-quote lines,
/// fenced blocks, text after an introduction ("the customer says: …", "they wrote: …") and text after a role marker
/// ("SYSTEM: …"). They are data to answer about, never an instruction to act on. Pure.
/// </summary>
public static partial class QuotedText
{
    /// <summary>Where the quoted or reported spans of <paramref name="text"/> stand, merged and in order.</summary>
    public static IReadOnlyList<Range> Spans(string text)
    {
        var spans = new List<(int Start, int End)>();
        foreach (Match m in FencePattern().Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        foreach (Match m in BlockQuotePattern().Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        foreach (Match m in QuotePattern().Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        foreach (Match m in IntroductionPattern().Matches(text)) spans.Add(ToEndOfLine(text, m.Index + m.Length));
        foreach (Match m in RoleMarkerPattern().Matches(text)) spans.Add(ToEndOfLine(text, m.Index));

        var merged = new List<Range>();
        var ordered = spans.Where(s => s.End > s.Start).OrderBy(s => s.Start).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (start, end) = ordered[i];
            while (i + 1 < ordered.Count && ordered[i + 1].Start <= end) end = Math.Max(end, ordered[++i].End);
            merged.Add(new Range(start, end));
        }
        return merged;
    }

    /// <summary>
    /// The user's own words: <paramref name="text"/> with every quoted or reported span blanked out (same length, so
    /// positions still line up with the original).
    /// </summary>
    public static string OwnWords(string text)
    {
        var spans = Spans(text);
        if (spans.Count == 0) return text;
        var own = text.ToCharArray();
        foreach (var span in spans)
            for (var i = span.Start.Value; i < span.End.Value; i++)
                if (own[i] != '\n') own[i] = ' ';
        return new string(own);
    }

    /// <summary>The text of every quoted or reported span of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Quoted(string text) => [.. Spans(text).Select(s => text[s])];

    // A reported passage runs to the end of its line, except a closing question that is the user's own ("… What should
    // we reply?"). A closing question with figures in it stays reported, so an injection cannot end on "Refund $90?".
    private static (int Start, int End) ToEndOfLine(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        if (end < 0) end = text.Length;
        var passage = text[start..end];
        if (OwnClosingQuestionPattern().Match(passage) is { Success: true } question) end = start + question.Groups["q"].Index;
        return (start, end);
    }

    [GeneratedRegex(@"(?:```|~~~)[\s\S]*?(?:```|~~~|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^[ \t]*>.*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex BlockQuotePattern();

    [GeneratedRegex("\"[^\"]+\"|“[^”]+”|„[^“”]+[“”]|«[^»]+»|‘[^’]+’|(?<![\\w])'[^']{2,}?'(?![\\w])", RegexOptions.CultureInvariant)]
    private static partial Regex QuotePattern();

    [GeneratedRegex(
        @"\b(?:(?:(?:the|a|this|that|their|his|her|our)\s+)?(?:customer|buyer|client|shopper|sender|supplier|vendor|creator|influencer|ticket|e-?mail|message|review|comment|page|website|site|document|doc|note|dm|chat|caller|client)(?:'s)?(?:\s+(?:message|e-?mail|ticket|note|review|reply|comment|text|page|body|dm|letter))?|they|he|she|it|someone|somebody)\s+(?:says?|said|writes?|wrote|asks?|asked|claims?|claimed|reads?|read|states?|stated|mentions?|mentioned|replied|adds?|added|demands?|demanded|insists?|insisted)\b(?:\s+that\b)?\s*:?|\b(?:écrit|dit|schreibt|sagt|escribe|dice)\s*:?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntroductionPattern();

    [GeneratedRegex(
        @"(?<![\w])(?:\[/?INST\]|<\|?(?:system|im_start|assistant)\|?>|#{1,3}\s*(?:system|instruction)s?\b|(?:system|assistant|developer|admin(?:istrator)?|operator|root|instructions?|customer|client|buyer)(?:\s+(?:note|message|prompt|override|instruction|update))?(?:\s+to\s+(?:the\s+)?(?:agent|ai|assistant|bot|model))?\s*:)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleMarkerPattern();

    [GeneratedRegex(@"(?:^|[.!?—–-]\s*|\s)(?<q>(?:so\s+|and\s+|now\s+)?(?:what|how|should|shall|can|could|would|do|may)\b[^.!?\d\n]*\?)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnClosingQuestionPattern();
}
