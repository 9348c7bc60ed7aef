using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace LiveShop.Kernel.Verification.Claims;

/// <summary>
/// Turns text into comparable words: compatibility decomposition with diacritics dropped (NFKD), lower case,
/// zero-width characters removed, look-alike Cyrillic and Greek letters and leetspeak digits folded to Latin letters.
/// </summary>
/// <remarks>
/// The words land one after another in a pooled buffer (<see cref="NormalizedWords"/>), so reading a text allocates
/// nothing: ASCII folds through a table, and each other character's folded decomposition is computed once and remembered.
/// </remarks>
internal static class ClaimTextNormalizer
{
    private static readonly Dictionary<char, char> Folds = BuildFolds();
    private static readonly char[] AsciiFolds = BuildAsciiFolds();

    // Decompositions of the non-ASCII characters seen so far; bounded, so a text of many distinct characters cannot
    // grow it without limit (beyond the bound they are decomposed each time, as before).
    private static readonly ConcurrentDictionary<int, string> Decompositions = new();
    private const int MaxRememberedDecompositions = 4096;

    /// <summary>Reads <paramref name="text"/> into <paramref name="words"/> (cleared first).</summary>
    public static void Normalize(ReadOnlySpan<char> text, ref NormalizedWords words)
    {
        words.Clear();
        var start = -1;
        var end = 0;
        var wordStart = 0;
        for (var i = 0; i < text.Length;)
        {
            int width;
            var c = text[i];
            if (c < 0x80)
            {
                // ASCII: one folded character, never invisible.
                width = 1;
                Take(AsciiFolds[c], i, width, ref words, ref start, ref end, ref wordStart);
            }
            else
            {
                Rune rune;
                if (Rune.DecodeFromUtf16(text[i..], out rune, out width) != System.Buffers.OperationStatus.Done)
                    rune = Rune.ReplacementChar;
                if (!IsInvisible(rune.Value))
                    foreach (var d in Decompose(rune))
                        Take(d, i, width, ref words, ref start, ref end, ref wordStart);
            }
            i += width;
        }
        if (start >= 0) words.AddWord(wordStart, start, end);
    }

    private static void Take(char c, int at, int width, ref NormalizedWords words, ref int start, ref int end, ref int wordStart)
    {
        if (IsWordChar(c))
        {
            if (start < 0)
            {
                start = at;
                wordStart = words.LetterCount;
            }
            words.AddLetter(c);
            end = at + width;
        }
        else if (start >= 0)
        {
            words.AddWord(wordStart, start, end);
            start = -1;
        }
    }

    /// <summary>A claim as one run of folded word characters ("risk-free" and "risk free" both become "riskfree").</summary>
    public static string Compact(string claim)
    {
        var words = new NormalizedWords(claim.Length);
        try
        {
            Normalize(claim, ref words);
            return new string(words.Letters);
        }
        finally
        {
            words.Dispose();
        }
    }

    private static string Decompose(Rune rune)
    {
        if (Decompositions.TryGetValue(rune.Value, out var known)) return known;
        var decomposed = rune.ToString().Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark) continue;
            builder.Append(Fold(c));
        }
        var folded = builder.ToString();
        if (Decompositions.Count < MaxRememberedDecompositions) Decompositions.TryAdd(rune.Value, folded);
        return folded;
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

    private static char[] BuildAsciiFolds()
    {
        var table = new char[128];
        for (var c = 0; c < table.Length; c++) table[c] = Fold((char)c);
        return table;
    }

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
