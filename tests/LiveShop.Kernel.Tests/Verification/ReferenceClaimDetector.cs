using System.Globalization;
using System.Text;
using LiveShop.Kernel.Verification.Claims;

namespace LiveShop.Kernel.Tests.Verification;

/// <summary>
/// The detector's rules written the plain way — a string per word, every claim tried at every word — as an oracle the
/// pooled, indexed <see cref="BannedClaimDetector"/> must agree with on any text.
/// </summary>
internal sealed class ReferenceClaimDetector(IEnumerable<string> claims)
{
    private readonly (string Claim, string Compact)[] _claims =
        claims.Select(c => (c, string.Concat(Words(c).Select(w => w.Text)))).Where(c => c.Item2.Length > 0).ToArray();

    public List<BannedClaimMatch> FindAll(string text)
    {
        var matches = new List<BannedClaimMatch>();
        var words = Words(text);
        for (var first = 0; first < words.Count; first++)
        {
            var (best, bestLength, bestClaim) = (-1, 0, (string?)null);
            foreach (var (claim, compact) in _claims)
            {
                if (compact.Length <= bestLength) continue;
                var position = 0;
                for (var i = first; i < words.Count; i++)
                {
                    var word = words[i].Text;
                    if (word.Length > compact.Length - position || compact.Substring(position, word.Length) != word) break;
                    position += word.Length;
                    if (position == compact.Length)
                    {
                        (best, bestLength, bestClaim) = (i, compact.Length, claim);
                        break;
                    }
                }
            }
            if (best < 0) continue;
            matches.Add(new BannedClaimMatch(bestClaim!, text[words[first].Start..words[best].End], words[first].Start));
            first = best;
        }
        return matches;
    }

    private static List<(string Text, int Start, int End)> Words(string text)
    {
        var words = new List<(string, int, int)>();
        var word = new StringBuilder();
        var (start, end) = (-1, 0);
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            var width = rune.Utf16SequenceLength;
            if (!(rune.Value is >= 0x200B and <= 0x200F or 0x2060 or 0xFEFF or 0x00AD or 0x180E or 0x034F or >= 0x2061 and <= 0x2064))
            {
                foreach (var c in Decompose(rune))
                {
                    if (char.IsLetterOrDigit(c) || c is '%' or '\'' or '’')
                    {
                        if (start < 0) start = i;
                        word.Append(c);
                        end = i + width;
                    }
                    else if (word.Length > 0)
                    {
                        words.Add((word.ToString(), start, end));
                        word.Clear();
                        start = -1;
                    }
                }
            }
            i += width;
        }
        if (word.Length > 0) words.Add((word.ToString(), start, end));
        return words;
    }

    private static string Decompose(Rune rune)
    {
        var builder = new StringBuilder();
        foreach (var c in rune.ToString().Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark) continue;
            var lower = char.ToLowerInvariant(c);
            builder.Append(Folds.TryGetValue(lower, out var folded) ? folded : lower);
        }
        return builder.ToString();
    }

    private static readonly Dictionary<char, char> Folds = BuildFolds();

    private static Dictionary<char, char> BuildFolds()
    {
        var folds = new Dictionary<char, char>
        {
            ['0'] = 'o', ['1'] = 'i', ['l'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['@'] = 'a', ['$'] = 's',
            ['ı'] = 'i', ['ɑ'] = 'a', ['ɡ'] = 'g',
        };
        foreach (var pairs in new[] { "аaвbеeёeіiїiјjкkмmнhоoпnрpсcтtуyхxѕsԁdһhӏiԛqԝwьb", "αaβbγyεeηnιiκkνvοoρpτtυuχxωwμuςcσo" })
            for (var i = 0; i < pairs.Length; i += 2)
                folds[pairs[i]] = pairs[i + 1];
        return folds;
    }
}
