using LiveShop.Memory.Knowledge.Chunking;

namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>Which files the knowledge base reads and how: Markdown, plain text and PDF, found in folders recursively.</summary>
public static class KnowledgeFiles
{
    /// <summary>Extensions the knowledge base can read.</summary>
    public static readonly IReadOnlySet<string> SupportedExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown", ".txt", ".pdf" };

    /// <summary>A file to ingest and the folder it was found under (for its type and tags), or an error for a bad path.</summary>
    public sealed record Candidate(string Path, string? Root, string? Error);

    /// <summary>Expands paths into files: folders recursively (supported, non-hidden files only), files as named.</summary>
    public static IEnumerable<Candidate> Expand(IEnumerable<string> paths)
    {
        foreach (var raw in paths)
        {
            var path = System.IO.Path.GetFullPath(raw);
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => SupportedExtensions.Contains(System.IO.Path.GetExtension(f)))
                    .Where(f => !System.IO.Path.GetRelativePath(path, f).Split(System.IO.Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files) yield return new Candidate(file, path, null);
            }
            else if (!File.Exists(path))
                yield return new Candidate(path, null, "not found");
            else if (!SupportedExtensions.Contains(System.IO.Path.GetExtension(path)))
                yield return new Candidate(path, null,
                    $"unsupported extension '{System.IO.Path.GetExtension(path)}' (supported: {string.Join(", ", SupportedExtensions)})");
            else
                yield return new Candidate(path, null, null);
        }
    }

    /// <summary>Parses a file's bytes by its extension.</summary>
    public static ParsedDocument Parse(string path, byte[] content)
    {
        var fallbackTitle = Humanise(System.IO.Path.GetFileNameWithoutExtension(path));
        return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".pdf" => PdfReader.Parse(content, fallbackTitle),
            ".txt" => MarkdownReader.ParsePlainText(Decode(content), fallbackTitle),
            _ => MarkdownReader.ParseMarkdown(Decode(content), fallbackTitle),
        };
    }

    /// <summary>The folders between the ingested root and the file, outermost first (e.g. <c>policies</c>, <c>refunds</c>).</summary>
    public static IReadOnlyList<string> FoldersBelowRoot(string path, string? root)
    {
        if (root is null) return [];
        var relative = System.IO.Path.GetRelativePath(root, System.IO.Path.GetDirectoryName(path)!);
        return relative == "." ? [] : relative.Split(System.IO.Path.DirectorySeparatorChar).Select(f => f.ToLowerInvariant()).ToList();
    }

    private static string Decode(byte[] content)
    {
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        return text.TrimStart('\uFEFF');
    }

    private static string Humanise(string fileName)
    {
        var words = fileName.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? fileName : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
