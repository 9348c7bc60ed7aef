using System.Globalization;
using System.Text;

namespace LiveShop.Kernel.Verification.Claims;

/// <summary>One word of normalised text and where it sits in the original text.</summary>
internal readonly record struct ClaimToken(string Text, int Start, int End);

/// <summary>
/// Turns text into comparable words: compatibility decomposition with diacritics dropped (NFKD), lower case,
/// zero-width characters removed, look-alike Cyrillic and Greek letters and leetspeak digits folded to Latin letters.
/// </summary>
internal static class ClaimTextNormalizer
{
    private static readonly Dictionary<char, char> Folds = BuildFolds();

    public static List<ClaimToken> Tokenize(string text)
    {
        var tokens = new List<ClaimToken>();
        var word = new StringBuilder();
        var start = -1;
        var end = 0;
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            var width = rune.Utf16SequenceLength;
            if (!IsInvisible(rune.Value))
            {
                foreach (var c in Decompose(rune))
                {
                    if (IsWordChar(c))
                    {
                        if (start < 0) start = i;
                        word.Append(c);
                        end = i + width;
                    }
                    else if (word.Length > 0)
                    {
                        tokens.Add(new ClaimToken(word.ToString(), start, end));
                        word.Clear();
                        start = -1;
                    }
                }
            }
            i += width;
        }
        if (word.Length > 0) tokens.Add(new ClaimToken(word.ToString(), start, end));
        return tokens;
    }

    /// <summary>A claim as one run of folded word characters ("risk-free" and "risk free" both become "riskfree").</summary>
    public static string Compact(string claim)
    {
        var builder = new StringBuilder();
        foreach (var token in Tokenize(claim)) builder.Append(token.Text);
        return builder.ToString();
    }

    private static string Decompose(Rune rune)
    {
        if (rune.IsAscii) return Fold((char)rune.Value).ToString();
        var decomposed = rune.ToString().Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark) continue;
            builder.Append(Fold(c));
        }
        return builder.ToString();
    }

    private static char Fold(char c)
    {
        var lower = char.ToLowerInvariant(c);
        return Folds.TryGetValue(lower, out var folded) ? folded : lower;
    }

    // '%' belongs to words so "100% effective" is one claim and "100 effective" is not it.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '%' or '\'' or '’';

    private static bool IsInvisible(int codePoint) =>
        codePoint is >= 0x200B and <= 0x200F or 0x2060 or 0xFEFF or 0x00AD or 0x180E or 0x034F or >= 0x2061 and <= 0x2064;

    private static Dictionary<char, char> BuildFolds()
    {
        var folds = new Dictionary<char, char>
        {
            // Leetspeak; 1 and l both fold to i because "1" stands for either.
            ['0'] = 'o', ['1'] = 'i', ['l'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['@'] = 'a', ['$'] = 's',
            ['ı'] = 'i', ['ɑ'] = 'a', ['ɡ'] = 'g',
        };
        const string cyrillic = "аaвbеeёeіiїiјjкkмmнhоoпnрpсcтtуyхxѕsԁdһhӏiԛqԝwьb";
        const string greek = "αaβbγyεeηnιiκkνvοoρpτtυuχxωwμuςcσo";
        foreach (var pairs in new[] { cyrillic, greek })
            for (var i = 0; i < pairs.Length; i += 2)
                folds[pairs[i]] = pairs[i + 1] == 'l' ? 'i' : pairs[i + 1];
        return folds;
    }
}
