using System.Text.RegularExpressions;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>
/// Where free-text arguments stand in a request, by the role the parameter's name gives them (a reason, a message, a
/// title, a report topic…). Each rule returns null when the message does not contain that part.
/// </summary>
public static partial class FreeTextRules
{
    /// <summary>Text passed for a required "why" parameter the request leaves unsaid, so the record shows it was not given.</summary>
    public const string UnstatedReason = "requested in chat";

    /// <summary>The free-text value for a parameter named <paramref name="parameter"/>, or null when the message has none.</summary>
    public static string? Extract(string parameter, MessageSlots slots) => parameter switch
    {
        "reason" => Clean(ReasonPattern().Match(slots.Text)),
        "message" => slots.Quotes.FirstOrDefault() ?? Clean(MessagePattern().Match(slots.Text)),
        "title" => slots.Quotes.Count > 0 ? slots.Quotes[0] : Clean(TitlePattern().Match(slots.Text)),
        "description" => slots.Quotes.Count > 1 ? slots.Quotes[1] : Clean(DescriptionPattern().Match(slots.Text)),
        "topic" => slots.Quotes.FirstOrDefault() ?? Clean(TopicAfterPattern().Match(slots.Text)) ?? Clean(TopicBeforePattern().Match(slots.Text)),
        "brief" => Clean(BriefPattern().Match(slots.Text)),
        "text" => slots.Quotes.FirstOrDefault() ?? Clean(DraftTextPattern().Match(slots.Text)),
        "question" => Clean(QuestionPattern().Match(slots.Text)),
        "findings" => slots.Quotes.FirstOrDefault() ?? Clean(FindingsPattern().Match(slots.Text)),
        // A search query is the request itself: the retrieval ranks by its meaning, so nothing is cut away.
        "url" => UrlPattern().Match(slots.Text) is { Success: true } url ? url.Value.TrimEnd('.', ',', ';', ')', '!', '?') : null,
        "query" => slots.Quotes.FirstOrDefault() ?? (string.IsNullOrWhiteSpace(slots.Text) ? null : slots.Text.Trim()),
        "recommendation" => Clean(RecommendationPattern().Match(slots.Text), 1),
        "rationale" => Clean(RecommendationPattern().Match(slots.Text), 2),
        _ => null,
    };

    /// <summary>Whether a parameter says why something is done, so an unstated value may be recorded as such.</summary>
    public static bool IsReason(string parameter) => parameter == "reason";

    private static string? Clean(Match match, int group = 1)
    {
        if (!match.Success || !match.Groups[group].Success) return null;
        var value = match.Groups[group].Value.Trim().TrimEnd('.', '!', '?', ',', ';').Trim().Trim('"', '“', '”', '\'').Trim();
        return value.Length == 0 ? null : value;
    }

    [GeneratedRegex(@"\b(?:because|since|due to|reason(?: is)?:?)\s+(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();

    [GeneratedRegex(@"(?:\bsaying(?: that)?|\btell (?:them|the customer|him|her)(?: that)?|\blet (?:them|the customer|him|her) know(?: that)?|\bwith the message|\bmessage:|:)\s+(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MessagePattern();

    [GeneratedRegex(@"\btitle[d:]?\s+(.+?)(?:\s+(?:with|and)\s+(?:the\s+)?description\b|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"\bdescription:?\s+(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionPattern();

    [GeneratedRegex(@"\b(?:report|summary)\s+(?:on|about|of|for|covering)\s+(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TopicAfterPattern();

    [GeneratedRegex(@"\b(?:a|an|the|my|our)\s+(.+?)\s+report\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TopicBeforePattern();

    [GeneratedRegex(@"\b(?:draft|write|compose)\s+(?:me\s+|us\s+|up\s+)?(?:an?\s+|some\s+|the\s+)?(.+?)\s*(?::|—|\bsaying\b|""|“|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BriefPattern();

    [GeneratedRegex(@"(?::|—|\bsaying\b)\s*(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DraftTextPattern();

    [GeneratedRegex(@"\b(?:analy[sz]e|investigate|look into|dig into|examine)\s+(.+?)\s*(?:[:;—]|\bfindings?\b|\bwe found\b|\bfound that\b|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionPattern();

    [GeneratedRegex(@"(?:\bfindings?:?|\bwe found(?: that)?|\bfound that|\bresult:)\s*(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FindingsPattern();

    [GeneratedRegex(@"\b(?:recommend(?:ation)?|suggest(?:ion)?|propose)(?:\s+that)?:?\s+(?:we\s+)?(.+?)\s+(?:because|since|as|given that)\s+(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RecommendationPattern();

    [GeneratedRegex(@"\b(?:https?|ftp|file)://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
