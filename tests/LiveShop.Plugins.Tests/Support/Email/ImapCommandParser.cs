using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveShop.Plugins.Tests.Support.Email;

/// <summary>One argument of an IMAP command: an atom or string (<see cref="Text"/>) or a parenthesised list (<see cref="Items"/>).</summary>
internal sealed record ImapToken(string? Text, IReadOnlyList<ImapToken>? Items)
{
    public bool IsList => Items is not null;
    public override string ToString() => IsList ? "(" + string.Join(' ', Items!) + ")" : Text!;
}

/// <summary>A tagged client command: <c>A001 UID FETCH 1:* (UID FLAGS)</c> → tag A001, name "UID FETCH", arguments.</summary>
internal sealed record ImapCommand(string Tag, string Name, IReadOnlyList<ImapToken> Arguments)
{
    public string Text(int index) => Arguments.Count > index && Arguments[index].Text is { } text
        ? text
        : throw new FormatException($"{Name}: argument {index + 1} is missing");
}

/// <summary>The IMAP4rev1 syntax the test server understands: command lines, literals, and UID sequence sets.</summary>
internal static partial class ImapCommandParser
{
    /// <summary>Whether a line announces a literal (<c>{12}</c> or <c>{12+}</c>) whose bytes follow it.</summary>
    public static bool EndsWithLiteral(string line, out int length, out bool synchronizing)
    {
        var match = TrailingLiteral().Match(line);
        length = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        synchronizing = match.Success && match.Groups[2].Value.Length == 0;
        return match.Success;
    }

    /// <summary>Replaces a line's trailing literal marker by the literal's content as a quoted string.</summary>
    public static string InlineLiteral(string line, byte[] literal) =>
        TrailingLiteral().Replace(line, "") + Quote(Encoding.UTF8.GetString(literal));

    /// <summary>Splits a complete command (literals already inlined) into tag, name and arguments.</summary>
    public static ImapCommand Parse(string line)
    {
        var position = 0;
        var tag = ReadAtom(line, ref position);
        SkipSpaces(line, ref position);
        var name = ReadAtom(line, ref position).ToUpperInvariant();
        if (name == "UID")
        {
            SkipSpaces(line, ref position);
            name += " " + ReadAtom(line, ref position).ToUpperInvariant();
        }
        return new ImapCommand(tag, name, ReadTokens(line, ref position, closing: null));
    }

    /// <summary>The UIDs of <paramref name="uids"/> (ascending) a sequence set such as <c>1,3:5,7:*</c> selects, per RFC 3501 (<c>n:*</c> includes the highest UID even when it is below n).</summary>
    public static IReadOnlyList<uint> SelectUids(string set, IReadOnlyList<uint> uids)
    {
        if (uids.Count == 0) return [];
        var highest = uids[^1];
        var selected = new SortedSet<uint>();
        foreach (var part in set.Split(','))
        {
            var bounds = part.Split(':');
            var from = Bound(bounds[0], highest);
            var to = bounds.Length > 1 ? Bound(bounds[1], highest) : from;
            var (low, high) = from <= to ? (from, to) : (to, from);
            foreach (var uid in uids)
                if (uid >= low && uid <= high) selected.Add(uid);
        }
        return selected.ToList();
    }

    /// <summary>A string as an IMAP quoted string.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static uint Bound(string text, uint highest) =>
        text == "*" ? highest : uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static List<ImapToken> ReadTokens(string line, ref int position, char? closing)
    {
        var tokens = new List<ImapToken>();
        while (true)
        {
            SkipSpaces(line, ref position);
            if (position >= line.Length)
                return closing is null ? tokens : throw new FormatException("unbalanced parenthesis");
            var c = line[position];
            if (c == closing)
            {
                position++;
                return tokens;
            }
            if (c == '(')
            {
                position++;
                tokens.Add(new ImapToken(null, ReadTokens(line, ref position, ')')));
            }
            else if (c == '"') tokens.Add(new ImapToken(ReadQuoted(line, ref position), null));
            else tokens.Add(new ImapToken(ReadAtom(line, ref position), null));
        }
    }

    // Atoms here include section specs such as BODY.PEEK[HEADER.FIELDS (FROM)]: brackets are kept whole.
    private static string ReadAtom(string line, ref int position)
    {
        var start = position;
        var depth = 0;
        while (position < line.Length)
        {
            var c = line[position];
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (depth == 0 && (c == ' ' || c == '(' || c == ')')) break;
            position++;
        }
        if (position == start) throw new FormatException($"expected an atom at {start} in '{line}'");
        return line[start..position];
    }

    private static string ReadQuoted(string line, ref int position)
    {
        var text = new StringBuilder();
        for (position++; position < line.Length; position++)
        {
            var c = line[position];
            if (c == '"')
            {
                position++;
                return text.ToString();
            }
            if (c == '\\' && position + 1 < line.Length) c = line[++position];
            text.Append(c);
        }
        throw new FormatException("unterminated quoted string");
    }

    private static void SkipSpaces(string line, ref int position)
    {
        while (position < line.Length && line[position] == ' ') position++;
    }

    [GeneratedRegex(@"\{(\d+)(\+?)\}$")]
    private static partial Regex TrailingLiteral();
}
