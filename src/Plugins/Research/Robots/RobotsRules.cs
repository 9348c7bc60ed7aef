using System.Text;

namespace LiveShop.Plugins.Research.Robots;

/// <summary>One allow or disallow line of the group that applies to our crawler.</summary>
/// <param name="Allow">True for <c>Allow</c>, false for <c>Disallow</c>.</param>
/// <param name="Pattern">The path pattern, percent-encoding normalised; may hold <c>*</c> and a trailing <c>$</c>.</param>
public sealed record RobotsRule(bool Allow, string Pattern);

/// <summary>
/// The rules of a robots.txt file (RFC 9309) that apply to one crawler: the groups naming its product token, combined,
/// or else the <c>*</c> groups. Decides per path with longest-match precedence, an allow winning a tie.
/// </summary>
public sealed class RobotsRules
{
    /// <summary>The parser reads at most this much of a file, the minimum RFC 9309 asks crawlers to parse.</summary>
    public const int MaxParsedBytes = 500 * 1024;

    private RobotsRules(IReadOnlyList<RobotsRule> rules, TimeSpan? crawlDelay, bool disallowAll)
    {
        Rules = rules;
        CrawlDelay = crawlDelay;
        _disallowAll = disallowAll;
    }

    private readonly bool _disallowAll;

    /// <summary>The rules that apply, in file order.</summary>
    public IReadOnlyList<RobotsRule> Rules { get; }

    /// <summary>The <c>Crawl-delay</c> of the applying group (a widely honoured extension of the standard), if any.</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>No robots.txt (or one answered 4xx): everything is allowed.</summary>
    public static RobotsRules AllowAll { get; } = new([], null, disallowAll: false);

    /// <summary>robots.txt could not be read (5xx, network failure): RFC 9309 says assume complete disallow.</summary>
    public static RobotsRules DisallowAll { get; } = new([], null, disallowAll: true);

    /// <summary>Reads a robots.txt body for the crawler whose product token is <paramref name="productToken"/>.</summary>
    public static RobotsRules Parse(string content, string productToken)
    {
        if (content.Length > MaxParsedBytes) content = content[..MaxParsedBytes];
        var token = productToken.Trim();
        var named = new List<RobotsRule>();
        var wildcard = new List<RobotsRule>();
        TimeSpan? namedDelay = null, wildcardDelay = null;
        bool namedSeen = false, wildcardSeen = false;

        // The agents of the group being read; a user-agent line after a rule line starts a new group.
        var agents = new List<string>();
        var lastWasAgent = false;
        foreach (var rawLine in content.Split('\n'))
        {
            var line = rawLine;
            var comment = line.IndexOf('#');
            if (comment >= 0) line = line[..comment];
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent")
            {
                if (!lastWasAgent) agents.Clear();
                agents.Add(value);
                lastWasAgent = true;
                if (value == "*") wildcardSeen = true;
                else if (string.Equals(value, token, StringComparison.OrdinalIgnoreCase)) namedSeen = true;
                continue;
            }
            lastWasAgent = false;
            if (agents.Count == 0) continue;
            var forUs = agents.Any(a => string.Equals(a, token, StringComparison.OrdinalIgnoreCase));
            var forAll = agents.Contains("*");
            if (!forUs && !forAll) continue;
            switch (key)
            {
                case "allow" or "disallow":
                    // An empty disallow matches nothing; an empty allow likewise adds nothing.
                    if (value.Length == 0) break;
                    var rule = new RobotsRule(key == "allow", Normalise(value));
                    if (forUs) named.Add(rule);
                    if (forAll) wildcard.Add(rule);
                    break;
                case "crawl-delay":
                    if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                        && seconds >= 0 && seconds < 86_400)
                    {
                        if (forUs) namedDelay = TimeSpan.FromSeconds(seconds);
                        if (forAll) wildcardDelay = TimeSpan.FromSeconds(seconds);
                    }
                    break;
            }
        }
        return namedSeen ? new RobotsRules(named, namedDelay, false)
            : wildcardSeen ? new RobotsRules(wildcard, wildcardDelay, false)
            : AllowAll;
    }

    /// <summary>Whether the crawler may fetch <paramref name="pathAndQuery"/> (e.g. <c>/shop/item?id=3</c>).</summary>
    public bool IsAllowed(string pathAndQuery) => Decide(pathAndQuery) is null or { Allow: true };

    /// <summary>The rule that decides <paramref name="pathAndQuery"/>, or null when none matches (allowed unless disallow-all).</summary>
    public RobotsRule? Decide(string pathAndQuery)
    {
        if (_disallowAll) return new RobotsRule(false, "/*");
        var path = pathAndQuery.Length == 0 ? "/" : Normalise(pathAndQuery);
        // RFC 9309 §2.2.2: /robots.txt itself is always allowed.
        if (path == "/robots.txt") return null;
        RobotsRule? best = null;
        foreach (var rule in Rules)
        {
            if (!Matches(rule.Pattern, path)) continue;
            if (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow && !best.Allow))
                best = rule;
        }
        return best;
    }

    /// <summary>Matches a pattern with <c>*</c> (any run of characters) and a trailing <c>$</c> (end of path) against a path.</summary>
    public static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        var pieces = pattern.Split('*');
        // The first piece must be a prefix; the rest are found left to right, greedily earliest.
        if (!path.StartsWith(pieces[0], StringComparison.Ordinal)) return false;
        var position = pieces[0].Length;
        for (var i = 1; i < pieces.Length; i++)
        {
            if (i == pieces.Length - 1 && anchored)
                return path.Length - position >= pieces[i].Length && path.EndsWith(pieces[i], StringComparison.Ordinal);
            var found = path.IndexOf(pieces[i], position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + pieces[i].Length;
        }
        return !anchored || position == path.Length;
    }

    // Patterns and paths are compared in one form: non-ASCII as UTF-8 percent-escapes, escapes in upper case, and
    // escapes of unreserved characters decoded (RFC 3986 §6.2.2), so "/a%7eb", "/a%7Eb" and "/a~b" are one path.
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                var decoded = (char)Convert.ToInt32(text.Substring(i + 1, 2), 16);
                if (IsUnreserved(decoded)) builder.Append(decoded);
                else builder.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                i += 2;
            }
            else if (c > 127)
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(text.Substring(i, length))) builder.Append('%').Append(b.ToString("X2"));
                i += length - 1;
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
