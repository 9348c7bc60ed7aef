namespace LiveShop.Plugins.Sandbox.Seeding;

/// <summary>What history to seed: the seed number of the simulated business and how many days end at the anchor.</summary>
public sealed record SeedOptions
{
    /// <summary>Seed of the one random source; the same seed and anchor always give the same business.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How many whole days of history to simulate.</summary>
    public int Days { get; init; } = 90;

    /// <summary>How many products the catalogue holds; null keeps the standard catalogue, more adds variants and traffic.</summary>
    public int? ProductCount { get; init; }

    /// <summary>The day the history ends at (exclusive): the host passes today's UTC date, tests a fixed date.</summary>
    public required DateOnly AnchorDate { get; init; }
}

/// <summary>What a seed wrote: rows per table, events appended, and how long simulation and writing took.</summary>
public sealed record SeedReport(
    int Seed, DateOnly FirstDay, DateOnly AnchorDate, IReadOnlyDictionary<string, int> RowsPerTable, int EventsWritten,
    TimeSpan SimulationTime, TimeSpan WriteTime)
{
    /// <summary>Total time of the seed.</summary>
    public TimeSpan Elapsed => SimulationTime + WriteTime;

    /// <summary>Total rows written across all tables.</summary>
    public int TotalRows => RowsPerTable.Values.Sum();
}
