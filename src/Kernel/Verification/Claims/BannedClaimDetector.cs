namespace LiveShop.Kernel.Verification.Claims;

/// <summary>A banned claim found in a text.</summary>
/// <param name="Claim">The claim as the policy writes it.</param>
/// <param name="MatchedText">The span of the original text that makes the claim.</param>
/// <param name="Index">Where that span starts in the original text.</param>
public sealed record BannedClaimMatch(string Claim, string MatchedText, int Index);

/// <summary>
/// Finds banned claims as whole words or phrases, also when disguised: case, accents, look-alike letters, zero-width
/// characters, leetspeak, and letters split by spaces or punctuation ("c.u.r.e.s", "m i r a c l e", "risk-free").
/// </summary>
/// <remarks>
/// Text and claims are reduced to words of folded letters; a claim matches when consecutive words, joined, spell it
/// exactly from the first word's start to the last word's end. Words are never cut, so "securely" or "covidence" never
/// match, while split-up spellings do. The words are read into pooled buffers and claims are looked up by their first
/// letter, so a text without a banned claim costs no allocation.
/// </remarks>
public sealed class BannedClaimDetector
{
    private static readonly IReadOnlyList<BannedClaimMatch> None = [];

    // Claims by their first folded letter, longest first (equal lengths in policy order): the first that matches at a
    // word is the one the detector reports.
    private readonly Claim[]?[] _byAsciiLetter = new Claim[]?[128];
    private readonly Dictionary<char, Claim[]> _byOtherLetter = [];

    private sealed record Claim(string Text, string Compact);

    /// <summary>Prepares the detector for a list of claims.</summary>
    public BannedClaimDetector(IEnumerable<string> claims)
    {
        var prepared = claims.Select(c => new Claim(c, ClaimTextNormalizer.Compact(c))).Where(c => c.Compact.Length > 0).ToList();
        foreach (var group in prepared.GroupBy(c => c.Compact[0]))
        {
            var ordered = group.OrderByDescending(c => c.Compact.Length).ToArray(); // OrderBy is stable
            if (group.Key < 128) _byAsciiLetter[group.Key] = ordered;
            else _byOtherLetter[group.Key] = ordered;
        }
    }

    /// <summary>The first banned claim in <paramref name="text"/>, or null.</summary>
    public BannedClaimMatch? FindFirst(string? text)
    {
        var all = Find(text, stopAtFirst: true);
        return all.Count > 0 ? all[0] : null;
    }

    /// <summary>Every banned claim in <paramref name="text"/>, in order of appearance.</summary>
    public IReadOnlyList<BannedClaimMatch> FindAll(string? text) => Find(text, stopAtFirst: false);

    private IReadOnlyList<BannedClaimMatch> Find(string? text, bool stopAtFirst)
    {
        if (string.IsNullOrEmpty(text)) return None;
        var words = new NormalizedWords(text.Length);
        try
        {
            ClaimTextNormalizer.Normalize(text, ref words);
            return Match(text, words.Letters, words.Tokens, stopAtFirst);
        }
        finally
        {
            words.Dispose();
        }
    }

    private IReadOnlyList<BannedClaimMatch> Match(string text, ReadOnlySpan<char> letters, ReadOnlySpan<ClaimToken> tokens, bool stopAtFirst)
    {
        List<BannedClaimMatch>? matches = null;
        for (var first = 0; first < tokens.Length; first++)
        {
            var from = tokens[first].LetterStart;
            var letter = letters[from];
            var candidates = letter < 128 ? _byAsciiLetter[letter] : _byOtherLetter.GetValueOrDefault(letter);
            if (candidates is null) continue;
            // The longest claim starting here wins ("c.u.r.e.s" is "cures", not also "cure"); matches never overlap.
            foreach (var claim in candidates)
            {
                var last = LastWordSpelling(letters, tokens, first, claim.Compact);
                if (last < 0) continue;
                var start = tokens[first].Start;
                (matches ??= []).Add(new BannedClaimMatch(claim.Text, text[start..tokens[last].End], start));
                if (stopAtFirst) return matches;
                first = last;
                break;
            }
        }
        return matches ?? None;
    }

    /// <summary>
    /// Index of the last word when the words from <paramref name="first"/> on, joined, spell <paramref name="compact"/>
    /// exactly (ending at a word's end), else -1. The words' letters lie back to back, so that is one slice comparison.
    /// </summary>
    private static int LastWordSpelling(ReadOnlySpan<char> letters, ReadOnlySpan<ClaimToken> tokens, int first, string compact)
    {
        var from = tokens[first].LetterStart;
        if (compact.Length > letters.Length - from || !letters.Slice(from, compact.Length).SequenceEqual(compact)) return -1;
        var end = from + compact.Length;
        for (var i = first; i < tokens.Length && tokens[i].LetterEnd <= end; i++)
            if (tokens[i].LetterEnd == end) return i;
        return -1;
    }
}
