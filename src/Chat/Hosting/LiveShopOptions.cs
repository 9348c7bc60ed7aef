namespace LiveShop.Chat.Hosting;

/// <summary>Product-wide settings (section <c>LiveShop</c>).</summary>
public sealed class LiveShopOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "LiveShop";

    /// <summary>Where LiveShop keeps its own files: logs, keys, the database password.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Directory.GetCurrentDirectory(), ".data");

    /// <summary>Seed of the sandbox business written into an empty database.</summary>
    public int SandboxSeed { get; set; } = 42;

    /// <summary>The most days of history <see cref="SandboxDays"/> may ask for (ten years).</summary>
    public const int MaxSandboxDays = 3650;

    /// <summary>Days of history in the seeded sandbox business (1 to <see cref="MaxSandboxDays"/>).</summary>
    public int SandboxDays { get; set; } = 90;

    /// <summary>Whether <c>serve</c> seeds the sandbox business when the database is empty.</summary>
    public bool SeedWhenEmpty { get; set; } = true;
}
