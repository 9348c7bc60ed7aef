namespace LiveShop.Memory.Knowledge;

/// <summary>
/// The starter knowledge shipped with the product (policies, SOPs, playbooks under <c>docs/knowledge</c>): copied
/// next to the binaries as <c>knowledge/</c>, or found in the repository when running from a checkout.
/// </summary>
public static class StarterKnowledge
{
    /// <summary>The starter knowledge folder, or null when neither the app output nor a checkout has one.</summary>
    public static string? Directory => Resolve(AppContext.BaseDirectory);

    /// <summary>The starter knowledge folder as seen from <paramref name="baseDirectory"/>: its <c>knowledge/</c>, else the nearest <c>docs/knowledge</c> above it.</summary>
    public static string? Resolve(string baseDirectory)
    {
        var beside = Path.Combine(baseDirectory, "knowledge");
        if (HasDocuments(beside)) return beside;
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "knowledge");
            if (HasDocuments(candidate)) return candidate;
        }
        return null;
    }

    private static bool HasDocuments(string path) =>
        System.IO.Directory.Exists(path) && System.IO.Directory.EnumerateFiles(path, "*.md", SearchOption.AllDirectories).Any();
}
