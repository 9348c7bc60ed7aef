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
/// match, while split-up spellings do.
/// </remarks>
public sealed class BannedClaimDetector
{
    private readonly (string Claim, string Compact)[] _claims;

    /// <summary>Prepares the detector for a list of claims.</summary>
    public BannedClaimDetector(IEnumerable<string> claims) =>
        _claims = claims.Select(c => (c, ClaimTextNormalizer.Compact(c))).Where(c => c.Item2.Length > 0).ToArray();

    /// <summary>The first banned claim in <paramref name="text"/>, or null.</summary>
    public BannedClaimMatch? FindFirst(string? text)
    {
        var all = Find(text, stopAtFirst: true);
        return all.Count > 0 ? all[0] : null;
    }

    /// <summary>Every banned claim in <paramref name="text"/>, in order of appearance.</summary>
    public IReadOnlyList<BannedClaimMatch> FindAll(string? text) => Find(text, stopAtFirst: false);

    private List<BannedClaimMatch> Find(string? text, bool stopAtFirst)
    {
        var matches = new List<BannedClaimMatch>();
        if (string.IsNullOrEmpty(text)) return matches;
        var tokens = ClaimTextNormalizer.Tokenize(text);
        for (var first = 0; first < tokens.Count; first++)
        {
            // The longest claim starting here wins ("c.u.r.e.s" is "cures", not also "cure"); matches never overlap.
            var best = -1;
            var bestLength = 0;
            string? bestClaim = null;
            foreach (var (claim, compact) in _claims)
            {
                if (compact.Length <= bestLength) continue;
                var last = MatchFrom(tokens, first, compact);
                if (last >= 0) (best, bestLength, bestClaim) = (last, compact.Length, claim);
            }
            if (best < 0) continue;
            var start = tokens[first].Start;
            matches.Add(new BannedClaimMatch(bestClaim!, text[start..tokens[best].End], start));
            if (stopAtFirst) return matches;
            first = best;
        }
        return matches;
    }

    /// <summary>Index of the last token when tokens from <paramref name="first"/> on spell <paramref name="compact"/> exactly, else -1.</summary>
    private static int MatchFrom(List<ClaimToken> tokens, int first, string compact)
    {
        var position = 0;
        for (var i = first; i < tokens.Count; i++)
        {
            var word = tokens[i].Text;
            if (word.Length > compact.Length - position) return -1;
            if (!compact.AsSpan(position, word.Length).SequenceEqual(word)) return -1;
            position += word.Length;
            if (position == compact.Length) return i;
        }
        return -1;
    }
}
