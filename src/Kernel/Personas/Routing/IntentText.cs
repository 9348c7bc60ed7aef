using System.Text;

namespace LiveShop.Kernel.Personas.Routing;

/// <summary>Turns text into comparable tokens: lower case, punctuation dropped, a light plural/tense stem.</summary>
internal static class IntentText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "to", "of", "for", "and", "or", "on", "in", "at", "by", "from", "with", "into", "about", "as",
        "our", "we", "us", "i", "me", "my", "you", "your", "it", "its", "this", "that", "these", "those", "there", "their", "they",
        "is", "are", "was", "were", "be", "been", "do", "doe", "did", "can", "could", "should", "would", "will", "shall", "may", "might",
        "what", "which", "who", "why", "how", "when", "where", "please", "any", "all", "some", "so", "than", "then", "too", "very",
        "give", "show", "tell", "get", "let", "make", "need", "want", "just", "now", "right", "up", "out", "if", "not", "no",
    };

    /// <summary>Every token in order, stop words included (for phrase matching).</summary>
    public static string[] Tokens(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
            builder.Append(char.IsLetterOrDigit(c) || c is '&' or '/' ? c : ' ');
        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Stem)];
    }

    /// <summary>Tokens that carry meaning (stop words and single characters removed).</summary>
    public static IEnumerable<string> ContentTokens(string text) =>
        Tokens(text).Where(IsContent);

    public static bool IsContent(string token) => token.Length > 1 && !StopWords.Contains(token);

    private static string Stem(string token)
    {
        if (token.Length > 4 && token.EndsWith("ies", StringComparison.Ordinal))
            return token[..^3] + "y";
        if (token.Length > 5 && token.EndsWith("ing", StringComparison.Ordinal))
            return token[..^3];
        if (token.Length > 4 && token.EndsWith("ed", StringComparison.Ordinal))
            return token[..^2];
        if (token.Length > 3 && token.EndsWith('s') && !token.EndsWith("ss", StringComparison.Ordinal))
            return token[..^1];
        return token;
    }
}
