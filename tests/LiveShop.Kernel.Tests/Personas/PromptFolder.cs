namespace LiveShop.Kernel.Tests.Personas;

/// <summary>Locations of the shipped prompts and scratch folders for invalid prompt files.</summary>
internal static class PromptFolder
{
    /// <summary>The prompts/ folder copied into the test output by LiveShop.Kernel.</summary>
    public static string Shipped => Path.Combine(AppContext.BaseDirectory, "prompts");

    /// <summary>A fresh copy of the shipped prompts in a temporary folder, to break one file at a time.</summary>
    public static string CopyOfShipped()
    {
        var target = Path.Combine(Path.GetTempPath(), "liveshop-prompts-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(Shipped, "*.md", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
