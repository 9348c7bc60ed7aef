namespace LiveShop.Memory.Knowledge.Chunking;

/// <summary>
/// The YAML front-matter block at the top of a knowledge file (<c>---</c> … <c>---</c>): only the flat keys the
/// knowledge base uses — <c>title</c>, <c>type</c> and <c>tags</c> (inline <c>[a, b]</c> or a dash list).
/// </summary>
public sealed record FrontMatter(string? Title, string? Type, IReadOnlyList<string> Tags)
{
    /// <summary>Front-matter with nothing set.</summary>
    public static FrontMatter None { get; } = new(null, null, []);

    /// <summary>Splits <paramref name="text"/> into its front-matter and the body after it.</summary>
    public static (FrontMatter FrontMatter, string Body) Split(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---") return (None, text);
        var end = Array.FindIndex(lines, 1, l => l.Trim() is "---" or "...");
        if (end < 0) return (None, text);

        string? title = null, type = null;
        var tags = new List<string>();
        string? listKey = null;
        for (var i = 1; i < end; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            if (trimmed.StartsWith("- ") && listKey == "tags")
            {
                tags.Add(Unquote(trimmed[2..]));
                continue;
            }
            var colon = trimmed.IndexOf(':');
            if (colon <= 0) continue;
            var key = trimmed[..colon].Trim().ToLowerInvariant();
            var value = trimmed[(colon + 1)..].Trim();
            listKey = value.Length == 0 ? key : null;
            switch (key)
            {
                case "title": title = NullIfEmpty(Unquote(value)); break;
                case "type": type = NullIfEmpty(Unquote(value)); break;
                case "tags": tags.AddRange(ParseInlineList(value)); break;
            }
        }
        var body = string.Join('\n', lines[(end + 1)..]);
        var normalisedTags = tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        return (new FrontMatter(title, type?.ToLowerInvariant(), normalisedTags), body);
    }

    private static IEnumerable<string> ParseInlineList(string value)
    {
        var inner = value.TrimStart('[').TrimEnd(']');
        return inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote);
    }

    private static string Unquote(string value) => value.Trim().Trim('"', '\'').Trim();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
